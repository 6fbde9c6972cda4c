package io.turnfleet.relay.log;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A key=value pair attached to a log record, rendered after the message in text lines and as a
 * property of its own in JSON lines. Pass fields as the record's parameters:
 * {@code log.log(Level.INFO, "allocation created", new Object[] {field("client", LoggedAddress.of(a)), field("lifetime", 600)})}.
 *
 * @param key   letters, digits, '_' and '.', starting with a letter; not a name the line itself uses
 * @param value rendered with {@code toString()}; numbers and booleans stay numbers and booleans in JSON
 */
public record LogField(String key, Object value) {

    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_.]*");
    private static final Set<String> RESERVED = Set.of("time", "level", "logger", "message", "thread", "error");

    public LogField {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("log field key '" + key
                    + "' is not valid (expected a letter, then letters, digits, '_' or '.')");
        }
        if (RESERVED.contains(key)) {
            throw new IllegalArgumentException("log field key '" + key + "' is reserved (used by every line: "
                    + "time, level, logger, message, thread, error)");
        }
    }

    public static LogField field(String key, Object value) {
        return new LogField(key, value);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
