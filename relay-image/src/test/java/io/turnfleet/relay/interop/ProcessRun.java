package io.turnfleet.relay.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One finished run of an outside program: its command, exit code and output (stdout and stderr
 * merged). A run that outlives its timeout is killed and reported as such, never waited on forever.
 */
record ProcessRun(List<String> command, int exitCode, boolean timedOut, String output) {

    static ProcessRun of(Duration timeout, List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("turnfleet-interop-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new ProcessRun(command, finished ? process.exitValue() : -1, !finished, output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The whole run for an assertion message: command, outcome and output. */
    String describe() {
        return String.join(" ", command) + "\n" + (timedOut ? "killed after timeout" : "exit code " + exitCode)
                + "\n--- output ---\n" + output;
    }
}
