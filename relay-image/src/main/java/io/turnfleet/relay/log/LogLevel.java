package io.turnfleet.relay.log;

import ch.qos.logback.classic.Level;

/** --log-level: the least severe level that is logged. */
public enum LogLevel {
    ERROR(Level.ERROR), WARN(Level.WARN), INFO(Level.INFO), DEBUG(Level.DEBUG);

    private final Level level;

    LogLevel(Level level) {
        this.level = level;
    }

    /** The Logback level this maps to. */
    public Level level() {
        return level;
    }
}
