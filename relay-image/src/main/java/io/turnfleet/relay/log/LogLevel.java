package io.turnfleet.relay.log;

import java.util.logging.Level;

/** --log-level: the least severe level that is logged. */
public enum LogLevel {
    ERROR(Level.SEVERE), WARN(Level.WARNING), INFO(Level.INFO), DEBUG(Level.FINE);

    private final Level julLevel;

    LogLevel(Level julLevel) {
        this.julLevel = julLevel;
    }

    /** The java.util.logging level this maps to. */
    public Level julLevel() {
        return julLevel;
    }
}
