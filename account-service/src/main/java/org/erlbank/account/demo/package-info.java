/**
 * Demo accounts and transfers for the demo customers, so that a newcomer's statements have lines.
 */
package org.erlbank.account.demo;
