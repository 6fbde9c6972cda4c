package io.turnfleet.relay.log;

import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code 2026-11-26T12:00:00.123Z INFO  relay.turn  message key=value error="..."}: one line per record.
 * Line breaks and other control characters in the message and values are escaped ({@code \n}), and a
 * value with spaces, quotes or '=' is quoted, so a line always parses back into the same fields.
 */
final class TextLineFormatter extends Formatter {

    @Override
    public String format(LogRecord record) {
        LogEntry entry = LogEntry.of(record, formatMessage(record));
        StringBuilder line = new StringBuilder(128);
        line.append(entry.time()).append(' ');
        line.append(entry.level());
        for (int pad = entry.level().length(); pad < 5; pad++) {
            line.append(' ');
        }
        line.append(' ').append(entry.logger()).append("  ");
        appendEscaped(line, entry.message());
        for (LogField field : entry.fields()) {
            line.append(' ').append(field.key()).append('=');
            appendValue(line, String.valueOf(field.value()));
        }
        if (entry.error() != null) {
            line.append(" error=");
            appendValue(line, entry.error());
        }
        return line.append('\n').toString();
    }

    private static void appendValue(StringBuilder line, String value) {
        if (!needsQuotes(value)) {
            line.append(value);
            return;
        }
        line.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                line.append('\\');
            }
            appendEscaped(line, c);
        }
        line.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\' || Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static void appendEscaped(StringBuilder line, String text) {
        for (int i = 0; i < text.length(); i++) {
            appendEscaped(line, text.charAt(i));
        }
    }

    private static void appendEscaped(StringBuilder line, char c) {
        switch (c) {
            case '\n':
                line.append("\\n");
                break;
            case '\r':
                line.append("\\r");
                break;
            case '\t':
                line.append("\\t");
                break;
            default:
                if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                    line.append(String.format("\\u%04x", (int) c));
                } else {
                    line.append(c);
                }
        }
    }
}
