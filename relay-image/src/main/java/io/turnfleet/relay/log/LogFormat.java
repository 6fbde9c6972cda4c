package io.turnfleet.relay.log;

/** Shape of a log line ({@code --log-format}). */
public enum LogFormat {
    /** For humans: {@code 2026-11-26T12:00:00.123Z INFO  io.turnfleet.relay.Relay  message key="value"}. */
    TEXT,
    /** For collectors: one JSON object per line (Logback's JsonEncoder). */
    JSON
}
