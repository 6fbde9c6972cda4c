package io.turnfleet.relay.stream;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * coturn's {@code turnutils_uclient}, run against a relay under test. Its summary lines say how many
 * messages were sent and received and how many were lost. A machine without it fails the test: the
 * interop check is part of the suite, never skipped.
 */
final class Uclient {
    private static final String PROGRAM = "turnutils_uclient";
    private static final Pattern TOTALS = Pattern.compile("tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+)");
    private static final long TIMEOUT_SECONDS = 90;

    /** What one run reported, with its whole output for failure messages. */
    record Report(long sent, long received, long lost, int exitCode, String output) {
    }

    private Uclient() {
    }

    static Report run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program().toString());
        command.addAll(arguments);
        Path output = Files.createTempFile("uclient", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " still running after " + TIMEOUT_SECONDS
                        + " s; output:\n" + Files.readString(output, StandardCharsets.UTF_8));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            MatchResult totals = lastMatch(TOTALS, text, command);
            MatchResult lost = lastMatch(LOST, text, command);
            return new Report(Long.parseLong(totals.group(1)), Long.parseLong(totals.group(2)),
                    Long.parseLong(lost.group(1)), process.exitValue(), text);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** uclient prints running totals; the last line is the summary. */
    private static MatchResult lastMatch(Pattern pattern, String text, List<String> command) {
        Matcher matcher = pattern.matcher(text);
        MatchResult last = null;
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new AssertionError(String.join(" ", command) + " printed no line matching " + pattern
                    + "; output:\n" + text);
        }
        return last;
    }

    private static Path program() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, PROGRAM);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(PROGRAM + " is not on PATH; install coturn's tools: apt-get install -y coturn");
    }
}
