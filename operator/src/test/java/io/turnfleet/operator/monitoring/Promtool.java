package io.turnfleet.operator.monitoring;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' {@code promtool} (Debian package {@code prometheus}), run as a process. */
final class Promtool {
  private Promtool() {}

  /** The result of one run: exit code and everything it printed. */
  record Run(int exitCode, String output) {}

  static Run run(Path workingDirectory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable().toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("promtool", ".log");
    try {
      Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
          .redirectErrorStream(true).redirectOutput(output.toFile()).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("promtool " + String.join(" ", args) + " did not finish in 2 minutes");
      }
      return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  /** promtool on the PATH; fails saying how to install it, never skips. */
  static Path executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("promtool is not on the PATH; install it with "
        + "`apt-get install prometheus` (Debian/Ubuntu), which .ci/run does");
  }
}
