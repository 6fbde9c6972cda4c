package io.turnfleet.relay.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Collects what the relay's loggers ({@code io.turnfleet}) and Netty's ({@code io.netty}, where
 * the leak detector reports) log at WARNING or above while it is open.
 */
final class LoggedWarnings extends Handler implements AutoCloseable {
    private static final List<String> LOGGERS = List.of("io.turnfleet", "io.netty");

    /** Held here so the JDK's weakly referenced loggers keep this handler while it is attached. */
    private final List<Logger> loggers = new ArrayList<>();
    private final List<LogRecord> records = new ArrayList<>();

    private LoggedWarnings() {
        setLevel(Level.WARNING);
    }

    static LoggedWarnings capture() {
        LoggedWarnings warnings = new LoggedWarnings();
        for (String name : LOGGERS) {
            Logger logger = Logger.getLogger(name);
            logger.addHandler(warnings);
            warnings.loggers.add(logger);
        }
        return warnings;
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    /** One line per record: level, logger, message and the exception, if any. */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            Throwable thrown = record.getThrown();
            lines.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                    + (thrown == null ? "" : " (" + thrown + ")"));
        }
        return lines;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        for (Logger logger : loggers) {
            logger.removeHandler(this);
        }
    }
}
