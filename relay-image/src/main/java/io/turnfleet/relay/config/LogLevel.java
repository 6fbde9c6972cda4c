package io.turnfleet.relay.config;

/** --log-level: the least severe level that is logged. */
public enum LogLevel {
    ERROR, WARN, INFO, DEBUG
}
