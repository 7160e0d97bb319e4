/**
 * What instances of one service that share its database must do once for all of them, however many start at the
 * same moment ({@link org.erlbank.http.instances.OnceForAllInstances}).
 */
package org.erlbank.http.instances;
