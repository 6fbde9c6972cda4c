package io.turnfleet.relay.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the events that named Logback loggers log at or above a level while it is open. */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Level threshold;
    private final List<Logger> loggers = new ArrayList<>();
    private final List<ILoggingEvent> events = new ArrayList<>();

    private CapturedLogs(Level threshold) {
        this.threshold = threshold;
    }

    /** Starts collecting what {@code loggerNames} (and the loggers below them) log at {@code threshold} or above. */
    public static CapturedLogs capture(Level threshold, String... loggerNames) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        CapturedLogs captured = new CapturedLogs(threshold);
        captured.setContext(context);
        captured.start();
        for (String name : loggerNames) {
            Logger logger = context.getLogger(name);
            logger.addAppender(captured);
            captured.loggers.add(logger);
        }
        return captured;
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel().isGreaterOrEqual(threshold)) {
            synchronized (events) {
                events.add(event);
            }
        }
    }

    public List<ILoggingEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** One line per event: level, logger, message and the exception, if any. */
    public List<String> lines() {
        return events().stream().map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " (" + e.getThrowableProxy().getClassName() + ": "
                + e.getThrowableProxy().getMessage() + ")")).toList();
    }

    @Override
    public void close() {
        loggers.forEach(logger -> logger.detachAppender(this));
        stop();
    }
}
