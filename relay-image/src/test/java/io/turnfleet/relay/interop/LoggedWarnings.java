package io.turnfleet.relay.interop;

import ch.qos.logback.classic.Level;
import io.turnfleet.relay.log.CapturedLogs;
import java.util.List;

/**
 * Collects what the relay's loggers ({@code io.turnfleet}) and Netty's ({@code io.netty}, where
 * the leak detector reports) log at WARN or above while it is open.
 */
final class LoggedWarnings implements AutoCloseable {
    private final CapturedLogs captured;

    private LoggedWarnings(CapturedLogs captured) {
        this.captured = captured;
    }

    static LoggedWarnings capture() {
        return new LoggedWarnings(CapturedLogs.capture(Level.WARN, "io.turnfleet", "io.netty"));
    }

    /** One line per event: level, logger, message and the exception, if any. */
    List<String> lines() {
        return captured.lines();
    }

    @Override
    public void close() {
        captured.close();
    }
}
