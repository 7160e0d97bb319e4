/**
 * Fixtures for {@code ArchitectureTest}: tiny made-up features whose packages break its rule on purpose, to show
 * that it can fail. Not the gateway's code, and never part of it.
 */
package org.erlbank.gateway.architecture;
