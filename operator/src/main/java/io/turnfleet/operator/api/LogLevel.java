package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Relay log level, spelled as the relay's {@code --log-level} flag takes it. */
public enum LogLevel {
  ERROR,
  WARN,
  INFO,
  DEBUG;

  @JsonValue
  public String flagValue() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
