package org.erlbank.apispecs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import org.openapitools.openapidiff.core.OpenApiCompare;
import org.openapitools.openapidiff.core.model.ChangedOpenApi;
import org.openapitools.openapidiff.core.output.MarkdownRender;

/**
 * openapi-diff's verdict on a new version of a spec against an older one: whether a client of the old one would
 * break, and a readable report of every change.
 */
final class CompatibilityGate {

    record Verdict(boolean incompatible, boolean changed, String report) {
    }

    private CompatibilityGate() {
    }

    static Verdict compare(String oldSpec, String newSpec) {
        ChangedOpenApi diff = OpenApiCompare.fromContents(oldSpec, newSpec);
        var out = new ByteArrayOutputStream();
        try (var writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            new MarkdownRender().render(diff, writer);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new Verdict(diff.isIncompatible(), diff.isChanged().isDifferent(), out.toString(StandardCharsets.UTF_8));
    }
}
