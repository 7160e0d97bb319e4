/**
 * The root resource, the one URL a client needs to know, and the pages for people: the HAL Explorer and the API docs.
 */
package org.erlbank.gateway.root;
