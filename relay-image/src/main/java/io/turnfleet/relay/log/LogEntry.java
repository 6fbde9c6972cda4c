package io.turnfleet.relay.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Pattern;

/** What a log line says, independent of its format: the parts both formatters render. */
record LogEntry(String time, String level, String logger, String message, String thread,
                List<LogField> fields, String error) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final String OWN_PREFIX = "io.turnfleet.";
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");

    /**
     * @param message the record's message with its parameters applied
     *                ({@link java.util.logging.Formatter#formatMessage})
     */
    static LogEntry of(LogRecord record, String message) {
        return new LogEntry(
                TIME.format(record.getInstant()),
                levelName(record.getLevel()),
                loggerName(record.getLoggerName()),
                message == null ? "" : message,
                threadName(record),
                fields(record.getParameters()),
                record.getThrown() == null ? null : oneLine(record.getThrown()));
    }

    /** The names operators know from other servers, not JUL's SEVERE/FINE. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        if (v >= Level.FINE.intValue()) {
            return "DEBUG";
        }
        return "TRACE";
    }

    /** Our loggers drop the common {@code io.turnfleet.} prefix; others (Netty) keep their full name. */
    static String loggerName(String name) {
        if (name == null || name.isEmpty()) {
            return "root";
        }
        return name.startsWith(OWN_PREFIX) ? name.substring(OWN_PREFIX.length()) : name;
    }

    /**
     * JUL records carry only the thread id. Handlers publish on the logging thread, so its name is
     * the current thread's; a record published elsewhere keeps the id.
     */
    private static String threadName(LogRecord record) {
        Thread current = Thread.currentThread();
        return current.getId() == record.getLongThreadID() ? current.getName() : "thread-" + record.getLongThreadID();
    }

    private static List<LogField> fields(Object[] parameters) {
        if (parameters == null) {
            return List.of();
        }
        List<LogField> fields = new ArrayList<>(parameters.length);
        for (Object p : parameters) {
            if (p instanceof LogField) {
                fields.add((LogField) p);
            }
        }
        return fields;
    }

    /** The stack trace as printed by the JVM, its lines joined by " | ": class, message, frames, causes. */
    static String oneLine(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        StringBuilder line = new StringBuilder(trace.getBuffer().length());
        for (String part : LINE_BREAK.split(trace.getBuffer())) {
            String trimmed = part.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (line.length() > 0) {
                line.append(" | ");
            }
            line.append(trimmed);
        }
        return line.toString();
    }
}
