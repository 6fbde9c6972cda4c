package io.turnfleet.credentials.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** coturn's {@code turnutils_uclient}; a machine without it fails with the command that installs it. */
public final class CoturnUclient {
  private CoturnUclient() {}

  /** What one run printed and how it ended. */
  public record Run(int exitCode, String output) {}

  static Path require() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "turnutils_uclient");
      if (!dir.isEmpty() && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("turnutils_uclient was not found on PATH: apt-get install -y coturn");
  }

  /**
   * Two clients that send each other {@code messages} 100-byte messages through two allocations on
   * the relay ({@code -y}), authenticated with {@code username}/{@code password}; TCP to the relay
   * when {@code tcp}.
   */
  public static Run clientToClient(int port, String username, String password, int messages, boolean tcp)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(require().toString(), "-y", "-p", Integer.toString(port),
        "-m", "1", "-n", Integer.toString(messages), "-l", "100", "-u", username, "-w", password));
    if (tcp) {
      command.add("-t");
    }
    command.add("127.0.0.1");
    Path out = Files.createTempFile("uclient-", ".log");
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        return new Run(-1, Files.readString(out) + "\n(killed after 60 s)");
      }
      return new Run(process.exitValue(), Files.readString(out));
    } finally {
      Files.deleteIfExists(out);
    }
  }
}
