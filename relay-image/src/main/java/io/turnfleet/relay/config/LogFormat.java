package io.turnfleet.relay.config;

/** --log-format: one line per event, as text or as a JSON object. */
public enum LogFormat {
    TEXT, JSON
}
