package io.turnfleet.operator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The operator's logging: SLF4J through Logback to stderr, one line per event, as text for humans or
 * JSON for collectors (Logback's JsonEncoder), the same two shapes as the relay's. Lines written while
 * java-operator-sdk reconciles a TurnServer carry its namespace and name in the MDC
 * ({@code resource.namespace}, {@code resource.name}, put there by JOSDK around each reconciliation).
 */
public final class LogSetup {
  public static final String LOG_LEVEL = "TURNFLEET_LOG_LEVEL";
  public static final String LOG_FORMAT = "TURNFLEET_LOG_FORMAT";
  /** As the relay's text lines: UTC time, level, logger, message with line breaks escaped, MDC. */
  static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSS'Z',UTC} %-5level %logger  "
      + "%replace(%msg){'\\r?\\n|\\r', '\\\\n'}%replace( %kvp){'^ $', ''}%replace( %mdc){'^ $', ''}%n%ex";
  private static final Map<String, Level> LEVELS = Map.of("error", Level.ERROR, "warn", Level.WARN,
      "info", Level.INFO, "debug", Level.DEBUG, "trace", Level.TRACE);

  private LogSetup() {}

  /**
   * Configures logging from {@link #LOG_LEVEL} (default info) and {@link #LOG_FORMAT} (text or json,
   * default text); throws {@link IllegalArgumentException} naming a bad value before anything changes.
   */
  public static void configure(Map<String, String> env) {
    ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
    stderr.setTarget("System.err");
    configure(env, stderr);
  }

  static void configure(Map<String, String> env, OutputStreamAppender<ILoggingEvent> appender) {
    String levelText = env.getOrDefault(LOG_LEVEL, "info").trim().toLowerCase(Locale.ROOT);
    Level level = LEVELS.get(levelText);
    if (level == null) {
      throw new IllegalArgumentException(LOG_LEVEL + " '" + env.get(LOG_LEVEL)
          + "': expected error, warn, info, debug or trace");
    }
    String format = env.getOrDefault(LOG_FORMAT, "text").trim().toLowerCase(Locale.ROOT);
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException(LOG_FORMAT + " '" + env.get(LOG_FORMAT) + "': expected text or json");
    }
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    appender.setContext(context);
    appender.setName(format);
    appender.setEncoder(format.equals("json") ? json(context) : text(context));
    appender.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.addAppender(appender);
    // The level applies to the operator's own loggers; libraries (JOSDK, fabric8, Vert.x) stay at
    // INFO or above, so debug shows the operator's decisions rather than every HTTP exchange.
    root.setLevel(level.isGreaterOrEqual(Level.INFO) ? level : Level.INFO);
    context.getLogger("io.turnfleet").setLevel(level);
  }

  private static Encoder<ILoggingEvent> text(LoggerContext context) {
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern(TEXT_PATTERN);
    encoder.start();
    return encoder;
  }

  /** Timestamp, level, thread, logger, MDC, key-value pairs, formatted message, exception; no raw arguments. */
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
