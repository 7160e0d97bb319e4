package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The harness that runs the README's walk must be able to fail, or the walk test proves nothing.
 */
class ReadmeWalkTest {

    private final Erlbank shell = new Erlbank();

    @Test
    void passesWhenTheOutputContainsWhatTheReadmePromises() {
        var result = bash(List.of("echo 'HTTP/1.1 201 Created'   # prints 201"));

        assertThat(result.exitCode()).isZero();
        assertThat(result.stdout()).contains("201 Created");
    }

    @Test
    void failsWhenTheOutputDiffers() {
        var result = bash(List.of("echo 'HTTP/1.1 500 Oops'   # prints 201"));

        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("expected output containing 201");
    }

    @Test
    void failsWhenACommandFails() {
        assertThat(bash(List.of("false", "echo never")).exitCode()).isNotZero();
        assertThat(bash(List.of("false | cat")).exitCode()).isNotZero();
    }

    @Test
    void handlesQuotesInTheExpectedOutput() {
        var result = bash(List.of("echo '{\"method\":\"PUT\"}'   # prints \"method\":\"PUT\"",
                "echo \"ETag: \\\"0\\\"\"   # prints ETag: \"0\"",
                "echo \"it's\"   # prints it's"));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.stdout()).contains("{\"method\":\"PUT\"}", "ETag: \"0\"", "it's");
        // Each of those expectations is checked, not read by bash as a comment: output without it fails.
        for (var differs : List.of("echo '{\"method\":\"GET\"}'   # prints \"method\":\"PUT\"",
                "echo \"ETag: \\\"1\\\"\"   # prints ETag: \"0\"", "echo \"its\"   # prints it's")) {
            var failed = bash(List.of(differs));
            assertThat(failed.exitCode()).as(differs).isNotZero();
            assertThat(failed.stderr()).as(differs).contains("expected output containing");
        }
    }

    @Test
    void pointsTheWalkAtTheSystemUnderTest() {
        var script = ReadmeWalk.script(List.of("curl -s http://localhost:8081/customers http://localhost:8082/accounts"),
                Map.of("http://localhost:8081", "http://127.0.0.1:9", "http://localhost:8082", "http://127.0.0.1:10"));

        assertThat(script).contains("curl -s http://127.0.0.1:9/customers http://127.0.0.1:10/accounts")
                .doesNotContain("localhost");
    }

    @Test
    void readsTheWalkFromTheReadme() {
        var commands = ReadmeWalk.commands(Erlbank.ROOT.resolve("README.md"));

        assertThat(commands).isNotEmpty().allSatisfy(command -> assertThat(command).doesNotStartWith("```"));
        assertThat(commands).anySatisfy(command -> assertThat(command).contains("curl"));
    }

    private Erlbank.Result bash(List<String> commands) {
        return shell.exec(List.of("bash", "-c", ReadmeWalk.script(commands, Map.of())));
    }
}
