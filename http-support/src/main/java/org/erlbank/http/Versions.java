package org.erlbank.http;

/**
 * The {@code ETag} of a resource whose version number counts its changes.
 */
public final class Versions {

    private Versions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }
}
