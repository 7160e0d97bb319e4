package org.erlbank.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The curl walk of the README as a bash script: every {@code bash} block between {@code <!-- walk:start -->} and
 * {@code <!-- walk:end -->}, in order, with the README's base URL replaced by the system under test. A command
 * that ends in {@code # prints TEXT} fails the script unless its output contains TEXT.
 */
final class ReadmeWalk {

    private static final Pattern PRINTS = Pattern.compile("^(.*\\S)\\s+# prints (.+)$");

    private ReadmeWalk() {
    }

    static List<String> commands(Path readme) {
        String text;
        try {
            text = Files.readString(readme);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = text.indexOf("<!-- walk:start -->");
        int end = text.indexOf("<!-- walk:end -->");
        if (start < 0 || end < start) {
            throw new IllegalStateException("README has no <!-- walk:start --> ... <!-- walk:end --> section");
        }
        var commands = new ArrayList<String>();
        boolean inBash = false;
        for (var line : text.substring(start, end).split("\n")) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.trim().equals("```bash");
                continue;
            }
            if (inBash && !line.isBlank()) {
                commands.add(line);
            }
        }
        return commands;
    }

    /**
     * @param baseUrls the README's base URLs (such as {@code http://localhost:8081}) and what to replace them with
     */
    static String script(List<String> commands, Map<String, String> baseUrls) {
        var script = new StringBuilder("set -euo pipefail\n");
        for (var command : commands) {
            var line = command;
            for (var baseUrl : baseUrls.entrySet()) {
                line = line.replace(baseUrl.getKey(), baseUrl.getValue());
            }
            var prints = PRINTS.matcher(line);
            if (prints.matches()) {
                script.append("__want=").append(quote(prints.group(2))).append('\n')
                        .append("__out=$(").append(prints.group(1)).append(")\n")
                        .append("printf '%s\\n' \"$__out\"\n")
                        .append("[[ \"$__out\" == *\"$__want\"* ]] || { echo \"README walk: expected output containing ")
                        .append("$__want from: \"").append(quote(prints.group(1))).append(" >&2; exit 1; }\n");
            } else {
                script.append(line).append('\n');
            }
        }
        return script.toString();
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }
}
