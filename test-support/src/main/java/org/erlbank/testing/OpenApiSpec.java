package org.erlbank.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/**
 * A service's OpenAPI file, to hold its real responses against: the implementation cannot drift from the contract
 * unnoticed. The answers are held by the rules a pact is held by ({@link BidirectionalRules}): a spec that is looser
 * than what the service really sends fails here before it fails a consumer's bi-directional check.
 */
public final class OpenApiSpec {

    private final OpenApiInteractionValidator validator;

    private OpenApiSpec(OpenApiInteractionValidator validator) {
        this.validator = validator;
    }

    public static OpenApiSpec at(Path spec) {
        return new OpenApiSpec(BidirectionalRules.validatorFor(spec).build());
    }

    /** Asserts that a real answer has the status the test expects, and is one the spec allows for its request. */
    public void assertAllows(HttpResponse<String> response, int expectedStatus) {
        assertThat(response.statusCode()).as("status of %s %s, answered with:%n%s", response.request().method(),
                response.request().uri(), response.body()).isEqualTo(expectedStatus);
        assertAllows(response);
    }

    /** Asserts that a real answer is one the spec allows for the request that got it. */
    public void assertAllows(HttpResponse<String> response) {
        var request = response.request();
        var builder = SimpleResponse.Builder.status(response.statusCode()).withBody(response.body());
        response.headers().map().forEach((name, values) -> builder.withHeader(name, values));
        var report = validator.validateResponse(URI.create(request.uri().toString()).getPath(),
                Request.Method.valueOf(request.method()), builder.build());
        assertThat(report.hasErrors())
                .as("%s %s answered %d, which the spec does not allow:%n%s", request.method(), request.uri(),
                        response.statusCode(), report)
                .isFalse();
    }
}
