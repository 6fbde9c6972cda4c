package io.turnfleet.relay.config;

import io.turnfleet.relay.turn.IpLiteral;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsers of flag values. Each throws IllegalArgumentException with a message that starts with the
 * quoted value and ends with what was expected; the flag's name is put in front by the caller.
 */
final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h)?");
    private static final int MAX_REALM_OR_SOFTWARE_CHARACTERS = 127; // RFC 8489 §14.9, §14.14: fewer than 128
    /**
     * A 401 to a 28-byte Allocate may take 84 bytes (3x): header 20, ERROR-CODE without reason 8, NONCE 20
     * (a 16-character nonce) leave 36 for REALM, its 4-byte header and up to 32 bytes of value.
     */
    private static final int MAX_REALM_BYTES = 32;

    private ConfigValues() {
    }

    static Function<String, Integer> integer(int min, int max, String expected) {
        return text -> {
            long value = decimal(text);
            if (value < min || value > max) {
                throw new IllegalArgumentException("'" + text + "': " + (isInteger(text) ? "out of range" : "not an integer")
                        + " (expected " + expected + ")");
            }
            return (int) value;
        };
    }

    static long nonNegativeLong(String text) {
        long value = decimal(text);
        if (value < 0) {
            throw new IllegalArgumentException("'" + text + "': " + (isInteger(text) ? "out of range" : "not an integer")
                    + " (expected bytes per second >= 0, 0 = unlimited)");
        }
        return value;
    }

    private static boolean isInteger(String text) {
        return text.matches("-?\\d+");
    }

    /** Digits only, at most 18 of them; -1 otherwise. */
    private static long decimal(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Long.parseLong(text);
    }

    static boolean bool(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("'" + text + "': not a boolean (expected true or false)");
        }
    }

    static Function<String, Duration> duration(Duration min) {
        return text -> {
            Matcher matcher = DURATION.matcher(text);
            Duration value = matcher.matches() ? durationOf(Long.parseLong(matcher.group(1)), matcher.group(2)) : null;
            if (value == null) {
                throw new IllegalArgumentException("'" + text + "': not a duration"
                        + " (expected a whole number with unit ms, s, m or h, such as 250ms, 90s, 5m, 1h; bare numbers are seconds)");
            }
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException("'" + text + "': must be at least " + format(min)
                        + " (expected a duration such as 90s, 5m, 1h)");
            }
            return value;
        };
    }

    private static Duration durationOf(long amount, String unit) {
        try {
            if (unit == null || unit.equals("s")) {
                return Duration.ofSeconds(amount);
            }
            switch (unit) {
                case "ms":
                    return Duration.ofMillis(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
        } catch (ArithmeticException tooLong) {
            return null;
        }
    }

    private static String format(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
    }

    static Path path(String text) {
        try {
            if (text.isBlank()) {
                throw new InvalidPathException(text, "empty");
            }
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + text + "': not a file path (expected a path such as /etc/turnfleet/...)");
        }
    }

    static InetAddress bindAddress(String text) {
        InetAddress address = IpLiteral.toInetAddress(text);
        if (address.isMulticastAddress()) {
            throw new IllegalArgumentException("'" + text + "': a multicast address cannot be bound"
                    + " (expected a unicast address of this host)");
        }
        return address;
    }

    static InetAddress advertisedAddress(String text) {
        InetAddress address = IpLiteral.toInetAddress(text);
        if (address.isAnyLocalAddress() || address.isMulticastAddress()) {
            throw new IllegalArgumentException("'" + text + "': cannot be advertised to clients"
                    + " (expected the unicast address clients reach this relay at)");
        }
        return address;
    }

    static InetSocketAddress socketAddress(String text) {
        return IpLiteral.socketAddress(text, text, "expected IP:PORT, IPv6 as [::]:9641");
    }

    static String realm(String text) {
        if (text.isEmpty() || text.length() > MAX_REALM_OR_SOFTWARE_CHARACTERS || !quotable(text)) {
            throw new IllegalArgumentException("'" + text + "': not a realm (expected 1-127 printable characters"
                    + " without '\"' or '\\')");
        }
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_REALM_BYTES) {
            throw new IllegalArgumentException("'" + text + "': a realm longer than " + MAX_REALM_BYTES + " bytes"
                    + " (expected at most " + MAX_REALM_BYTES + ", so the 401 challenge to a 28-byte Allocate stays"
                    + " within 3x its size)");
        }
        return text;
    }

    static String software(String text) {
        if (text.length() > MAX_REALM_OR_SOFTWARE_CHARACTERS || !quotable(text)) {
            throw new IllegalArgumentException("'" + text + "': not a SOFTWARE value (expected at most 127 printable"
                    + " characters without '\"' or '\\'; empty to omit the attribute)");
        }
        return text;
    }

    /** No control characters, quotes or backslashes: the value fits a quoted-string (RFC 3261 qdtext). */
    private static boolean quotable(String text) {
        return text.codePoints().allMatch(c -> c >= 0x20 && c != 0x7f && c != '"' && c != '\\' && !Character.isISOControl(c));
    }

    static <E extends Enum<E>> Function<String, E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text)) {
                    return constant;
                }
            }
            throw new IllegalArgumentException("'" + text + "': not a valid choice (expected " + choices(type) + ")");
        };
    }

    static <E extends Enum<E>> String choices(Class<E> type) {
        StringBuilder out = new StringBuilder();
        E[] constants = type.getEnumConstants();
        for (int i = 0; i < constants.length; i++) {
            out.append(i == 0 ? "" : i == constants.length - 1 ? " or " : ", ").append(constants[i].name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
