/**
 * What the services' tests share: a real PostgreSQL, and a small HTTP client for tests over real sockets.
 */
package org.erlbank.testing;
