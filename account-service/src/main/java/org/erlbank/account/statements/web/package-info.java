/**
 * Bank statements over HTTP: the statement resource of the account API v1 ({@code account-api-v1.yaml}), its
 * links, and the statement link every account carries.
 */
package org.erlbank.account.statements.web;
