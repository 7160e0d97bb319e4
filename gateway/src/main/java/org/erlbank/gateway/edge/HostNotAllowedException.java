package org.erlbank.gateway.edge;

/**
 * A request addressed the gateway by a host name it does not answer to.
 */
final class HostNotAllowedException extends RuntimeException {

    HostNotAllowedException(String message) {
        super(message);
    }
}
