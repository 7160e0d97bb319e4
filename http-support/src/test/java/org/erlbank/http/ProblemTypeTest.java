package org.erlbank.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The problem JSON written by hand, where no converter is at hand: well-formed, whatever the detail says. */
class ProblemTypeTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void writesTypeTitleStatusAndAnEscapedDetail() {
        var problem = JSON.readTree(ProblemType.MALFORMED_REQUEST.json(400, "a \"quoted\" back\\slash"));

        assertThat(problem.path("type").asString()).isEqualTo("https://erlbank.example/problems/malformed-request");
        assertThat(problem.path("title").asString()).isEqualTo("The request cannot be read");
        assertThat(problem.path("status").asInt()).isEqualTo(400);
        assertThat(problem.path("detail").asString()).isEqualTo("a \"quoted\" back\\slash");
    }

    @Test
    void leavesTheDetailOutWhenThereIsNone() {
        var problem = JSON.readTree(ProblemType.UNAUTHORIZED.json(401, null));

        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.has("detail")).isFalse();
    }
}
