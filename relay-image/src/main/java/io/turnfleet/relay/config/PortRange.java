package io.turnfleet.relay.config;

/** The relay port range, --relay-ports MIN-MAX, both ends included. */
public record PortRange(int min, int max) {

    static final String EXPECTED = "expected MIN-MAX within 1-65535";

    public PortRange {
        if (min < 1 || max > 65535 || min > max) {
            throw new IllegalArgumentException("'" + min + "-" + max + "': not a port range (" + EXPECTED + ")");
        }
    }

    /** @throws IllegalArgumentException whose message starts with the quoted value */
    public static PortRange parse(String text) {
        int dash = text.indexOf('-');
        int min = dash < 0 ? -1 : port(text.substring(0, dash));
        int max = dash < 0 ? -1 : port(text.substring(dash + 1));
        if (min < 0 || max < 0) {
            throw new IllegalArgumentException("'" + text + "': not two port numbers joined by '-' (" + EXPECTED + ")");
        }
        if (min < 1 || max > 65535) {
            throw new IllegalArgumentException("'" + text + "': ports must be within 1-65535 (" + EXPECTED + ")");
        }
        if (min > max) {
            throw new IllegalArgumentException("'" + text + "': MIN must not exceed MAX (" + EXPECTED + ")");
        }
        return new PortRange(min, max);
    }

    /** Number of ports in the range. */
    public int size() {
        return max - min + 1;
    }

    private static int port(String digits) {
        if (digits.isEmpty() || digits.length() > 5 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    @Override
    public String toString() {
        return min + "-" + max;
    }
}
