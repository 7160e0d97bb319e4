package org.erlbank.http;

import java.util.List;
import org.springframework.http.ETag;

/**
 * An {@code If-Match} precondition against a resource whose {@code ETag} is its version number.
 * Comparison is strong (RFC 9110, 13.1.1): a weak tag never matches.
 */
public final class IfMatch {

    private final List<ETag> tags;

    private IfMatch(List<ETag> tags) {
        this.tags = tags;
    }

    /**
     * @throws PreconditionRequiredException when the header is absent
     */
    public static IfMatch require(String header) {
        if (header == null || header.isBlank()) {
            throw new PreconditionRequiredException();
        }
        return new IfMatch(ETag.parse(header));
    }

    public boolean accepts(long version) {
        var current = ETag.create(Versions.etag(version));
        return tags.stream().anyMatch(tag -> tag.isWildcard() || tag.compare(current, true));
    }
}
