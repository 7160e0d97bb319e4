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
        var ci = Files.readString(Erlbank.ROOT.resolve(".ci/run"));

        assertThat(ci).containsPattern("(?m)^\\s*(exec )?\\./mvnw -B verify");
    }
}
