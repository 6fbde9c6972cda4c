package io.turnfleet.relay.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import org.slf4j.LoggerFactory;

/**
 * Points all logging of the process (ours and Netty's, both through SLF4J) at stderr through Logback,
 * one line per event: text for humans or JSON for collectors. Call it first in main.
 */
public final class LogSetup {
    /**
     * Time in UTC, level, logger, the message with line breaks escaped (a client-supplied value can't
     * forge a line), then the event's key-value pairs and MDC.
     */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger  "
            + "%replace(%msg){'\\r?\\n|\\r', '\\\\n'}%replace( %kvp){'^ $', ''}%replace( %mdc){'^ $', ''}%n";

    private LogSetup() {
    }

    /** Replaces every appender with one that writes to stderr. */
    public static void configure(LogFormat format, LogLevel level) {
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setTarget("System.err");
        configure(format, level, stderr);
    }

    /** Replaces every appender with {@code appender}, given the encoder of {@code format}. */
    static void configure(LogFormat format, LogLevel level, OutputStreamAppender<ILoggingEvent> appender) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        Encoder<ILoggingEvent> encoder = format == LogFormat.JSON ? json(context) : text(context);
        appender.setContext(context);
        appender.setName(format.name().toLowerCase(java.util.Locale.ROOT));
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        // The chosen level applies to the relay's own loggers; libraries (Netty, Micrometer) stay at
        // INFO so --log-level debug shows the relay, not their internals.
        root.setLevel(level.level().isGreaterOrEqual(Level.INFO) ? level.level() : Level.INFO);
        context.getLogger("io.turnfleet").setLevel(level.level());
    }

    private static Encoder<ILoggingEvent> text(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(TEXT_PATTERN);
        encoder.start();
        return encoder;
    }

    /**
     * Timestamp, level, thread, logger, MDC, key-value pairs, the formatted message and the exception.
     * Not the raw arguments: they are rendered into the message already.
     */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }
}
