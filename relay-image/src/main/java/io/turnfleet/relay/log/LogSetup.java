package io.turnfleet.relay.log;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.io.OutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Points all logging of the process (ours and Netty's) at stderr, one line per record. Call it first
 * in main, before any Netty class is loaded: Netty picks its logger factory once, in static fields.
 */
public final class LogSetup {

    private LogSetup() {
    }

    /** Installs the stderr handler on the root logger, replacing the JVM default console handler. */
    public static void configure(LogFormat format, Level level) {
        configure(format, level, System.err);
    }

    static void configure(LogFormat format, Level level, OutputStream out) {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler existing : root.getHandlers()) {
            root.removeHandler(existing);
            existing.close();
        }
        Handler handler = new LineHandler(out, format.newFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        // The chosen level applies to the relay's own loggers; libraries (Netty, the JDK's security
        // events, Micrometer) stay at INFO so --log-level debug shows the relay, not their internals.
        root.setLevel(level.intValue() < Level.INFO.intValue() ? Level.INFO : level);
        RELAY.setLevel(level);
    }

    /** Held strongly: LogManager keeps only weak references, and a collected logger loses its level. */
    private static final Logger RELAY = Logger.getLogger("io.turnfleet");
}
