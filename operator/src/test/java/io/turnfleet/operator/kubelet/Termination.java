package io.turnfleet.operator.kubelet;

import java.time.Duration;
import java.time.Instant;

/**
 * How a relay pod ended after its deletion: SIGTERM at {@code signalled}, process exit at
 * {@code exited} with {@code exitCode}; {@code killed} when the grace period ran out first.
 */
public record Termination(String pod, String node, Instant signalled, Instant exited, int exitCode, boolean killed) {
  public Duration drainTime() {
    return Duration.between(signalled, exited);
  }
}
