/**
 * Fixtures for {@code ArchitectureTest}: tiny made-up services whose packages break its rules on purpose, to show
 * that each rule can fail. Not account-service's code, and never part of it.
 */
package org.erlbank.account.architecture;
