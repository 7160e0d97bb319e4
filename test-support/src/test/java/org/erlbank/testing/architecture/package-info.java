/**
 * Fixtures for {@code ArchitectureRulesTest}: tiny made-up services whose packages break the architecture rules on
 * purpose, to show that each rule can fail. Never part of any service.
 */
package org.erlbank.testing.architecture;
