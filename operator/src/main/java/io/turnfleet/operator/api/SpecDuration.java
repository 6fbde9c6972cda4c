package io.turnfleet.operator.api;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in a TurnServer spec: a number and a unit, {@code 90s}, {@code 30m} or {@code 24h}. */
public final class SpecDuration {
  private static final Pattern FORMAT = Pattern.compile(SharedSecretSpec.DURATION_PATTERN);

  private SpecDuration() {}

  public static Optional<Duration> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = FORMAT.matcher(text);
    if (!m.matches()) {
      return Optional.empty();
    }
    long amount = Long.parseLong(text.substring(0, text.length() - 1));
    return Optional.of(switch (m.group(1)) {
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      default -> Duration.ofHours(amount);
    });
  }
}
