/**
 * The gateway: routes the APIs to the services that own them, and serves the root resource, the HAL Explorer and
 * the API docs, so that a client needs to know one URL only.
 */
package org.erlbank.gateway;
