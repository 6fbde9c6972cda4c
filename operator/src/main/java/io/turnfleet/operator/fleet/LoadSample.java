package io.turnfleet.operator.fleet;

import java.time.Instant;
import java.util.Optional;

/**
 * What the operator knows of one relay pod's load: its latest good report and when it came, and, when
 * the latest poll failed, why. A failed poll keeps the last good report so that one timeout does
 * not erase the relay's load; {@link FleetLoad} decides when a report is too old to count.
 *
 * @param pod pod name, unique within the fleet
 * @param error why the latest poll failed; empty when it succeeded
 */
public record LoadSample(String pod, Optional<RelayLoad> load, Optional<Instant> loadTime, Optional<String> error) {
  public static LoadSample reported(String pod, RelayLoad load, Instant time) {
    return new LoadSample(pod, Optional.of(load), Optional.of(time), Optional.empty());
  }

  /** A failed poll, keeping the previous good report if there was one. */
  public static LoadSample failed(String pod, Optional<LoadSample> previous, String error) {
    return new LoadSample(pod, previous.flatMap(LoadSample::load), previous.flatMap(LoadSample::loadTime),
        Optional.of(error));
  }
}
