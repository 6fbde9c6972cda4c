package io.turnfleet.relay.log;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * Writes each record as one UTF-8 line and flushes at once, so lines from several threads never
 * interleave and nothing is lost when the process ends. Closing flushes but leaves the stream open:
 * it is the process's stderr.
 */
final class LineHandler extends Handler {

    private final OutputStream out;

    LineHandler(OutputStream out, Formatter formatter) {
        this.out = out;
        setFormatter(formatter);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        byte[] line;
        try {
            line = getFormatter().format(record).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        try {
            out.write(line);
            out.flush();
        } catch (IOException e) {
            reportError("cannot write a log line", e, ErrorManager.WRITE_FAILURE);
        }
    }

    @Override
    public synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            reportError("cannot flush the log", e, ErrorManager.FLUSH_FAILURE);
        }
    }

    @Override
    public void close() {
        flush();
    }
}
