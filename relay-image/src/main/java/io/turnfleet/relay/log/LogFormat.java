package io.turnfleet.relay.log;

import java.util.logging.Formatter;

/** Shape of a log line ({@code --log-format}). */
public enum LogFormat {
    /** {@code 2026-11-26T12:00:00.123Z INFO  relay.turn  message key=value ...} */
    TEXT {
        @Override
        Formatter newFormatter() {
            return new TextLineFormatter();
        }
    },
    /** One JSON object per line: time, level, logger, message, thread, the record's fields, error. */
    JSON {
        @Override
        Formatter newFormatter() {
            return new JsonLineFormatter();
        }
    };

    abstract Formatter newFormatter();
}
