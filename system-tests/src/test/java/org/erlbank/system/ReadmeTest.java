package org.erlbank.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The README opens with the two commands a newcomer needs, and CI runs the README's test command.
 */
class ReadmeTest {

    @Test
    void opensWithTheCommandsToRunAndToTestTheSystem() throws IOException {
        var readme = Files.readString(Erlbank.ROOT.resolve("README.md"));
        var firstBlock = readme.substring(readme.indexOf("```bash") + 7, readme.indexOf("```", readme.indexOf("```bash") + 7));

        assertThat(readme.indexOf("```bash")).as("the first thing after the title").isLessThan(20);
        assertThat(firstBlock.lines().map(String::trim))
                .anySatisfy(line -> assertThat(line).startsWith("./erlbank up"))
                .anySatisfy(line -> assertThat(line).startsWith("./mvnw verify"));
    }

    @Test
    void ciRunsTheReadmesTestCommand() throws IOException {
        var readme = Files.readString(Erlbank.ROOT.resolve("README.md"));
        var testCommand = arguments(readme.lines().map(String::trim).filter(line -> line.startsWith("./mvnw"))
                .findFirst().orElseThrow());
        var ci = Files.readString(Erlbank.ROOT.resolve(".ci/run"));

        // CI may add batch mode (-B), nothing else: the command a newcomer runs is the one CI runs.
        assertThat(ci.lines().map(String::trim).map(line -> line.replaceFirst("^exec ", ""))
                .filter(line -> line.startsWith("./mvnw")).map(ReadmeTest::arguments)
                .map(arguments -> arguments.stream().filter(argument -> !argument.equals("-B")).toList()))
                .as("./mvnw commands in .ci/run").containsExactly(testCommand);
    }

    /** A command line's words, without a trailing comment. */
    private static java.util.List<String> arguments(String commandLine) {
        return java.util.List.of(commandLine.replaceFirst("\\s+#.*$", "").trim().split("\\s+"));
    }
}
