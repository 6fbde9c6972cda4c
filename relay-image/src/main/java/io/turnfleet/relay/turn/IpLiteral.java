package io.turnfleet.relay.turn;

import io.netty.util.NetUtil;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * The relay's one parser and formatter of address text. Strict IP address literals, parsed without DNS: IPv4 as a dotted quad without leading zeros
 * (so "010.0.0.1" is not silently read as decimal or octal), IPv6 in the text forms of RFC 4291 §2.2,
 * including a trailing dotted quad, without zone ids or brackets; and IP:PORT, with IPv6 in brackets.
 */
public final class IpLiteral {

    private static final int IPV6_MAX_TEXT_LENGTH = 45;

    private IpLiteral() {
    }

    /** Returns the 4 or 16 address bytes of {@code text}, or null when it is not an IP literal. */
    public static byte[] parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text, 0);
    }

    /**
     * Returns the address of {@code text}. IPv4-mapped IPv6 literals become IPv4 addresses, as
     * {@link InetAddress#getByAddress(byte[])} does.
     *
     * @throws IllegalArgumentException naming the value when it is not an IP literal
     */
    public static InetAddress toInetAddress(String text) {
        byte[] bytes = parse(text);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "': not an IP address"
                    + " (expected an IPv4 address such as 192.0.2.10 or an IPv6 address such as 2001:db8::10)");
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException impossibleForFourOrSixteenBytes) {
            throw new IllegalStateException(impossibleForFourOrSixteenBytes);
        }
    }

    /** Formats 4 or 16 address bytes; IPv6 in the compressed form of RFC 5952. */
    public static String format(byte[] address) {
        return NetUtil.bytesToIpAddress(address);
    }

    /**
     * Parses IP:PORT or [IPv6]:PORT, literal addresses only (no DNS). Brackets around an IPv4
     * address are accepted too, so that a pod template can write {@code [$(HOST_IP)]:9641} for a node
     * of either family.
     *
     * @param text the IP:PORT part
     * @param whole the value as given, quoted at the start of an error message
     * @param expected the "expected ..." text of error messages
     */
    public static InetSocketAddress socketAddress(String text, String whole, String expected) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0 || close + 1 >= text.length() || text.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("'" + whole + "': expected [IP]:PORT (" + expected + ")");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + whole + "': missing :PORT (" + expected + ")");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
            if (host.indexOf(':') >= 0) {
                throw new IllegalArgumentException("'" + whole + "': an IPv6 address needs brackets (" + expected + ")");
            }
        }
        byte[] address = parse(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not an IP address (" + expected + ")");
        }
        return new InetSocketAddress(toInetAddress(host), port(port, whole, expected));
    }

    /** A port number 1-65535; the message of the exception quotes {@code whole}. */
    public static int port(String text, String whole, String expected) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : -1;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + whole + "': port '" + text + "' is not within 1-65535 (" + expected + ")");
        }
        return port;
    }

    /** IP:PORT, IPv6 as [IPv6]:PORT in the compressed form of RFC 5952. */
    public static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = format(ip.getAddress());
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static byte[] parseIpv4(String text, int from) {
        byte[] out = new byte[4];
        int part = 0;
        int i = from;
        int n = text.length();
        while (true) {
            int start = i;
            int value = 0;
            while (i < n && i - start < 4 && isDigit(text.charAt(i))) {
                value = value * 10 + (text.charAt(i) - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return null;
            }
            out[part++] = (byte) value;
            if (part == 4) {
                return i == n ? out : null;
            }
            if (i >= n || text.charAt(i) != '.') {
                return null;
            }
            i++;
        }
    }

    private static byte[] parseIpv6(String text) {
        int n = text.length();
        if (n < 2 || n > IPV6_MAX_TEXT_LENGTH) {
            return null;
        }
        byte[] out = new byte[16];
        int groups = 0;
        int compressedAt = -1;
        int i = 0;
        if (text.startsWith("::")) {
            compressedAt = 0;
            i = 2;
        } else if (text.charAt(0) == ':') {
            return null;
        }
        while (i < n) {
            int start = i;
            while (i < n && isHexDigit(text.charAt(i))) {
                i++;
            }
            if (i < n && text.charAt(i) == '.') {
                byte[] ipv4 = groups <= 6 ? parseIpv4(text, start) : null;
                if (ipv4 == null) {
                    return null;
                }
                System.arraycopy(ipv4, 0, out, groups * 2, 4);
                groups += 2;
                break;
            }
            int digits = i - start;
            if (digits == 0 || digits > 4 || groups == 8) {
                return null;
            }
            int value = Integer.parseInt(text, start, i, 16);
            out[groups * 2] = (byte) (value >>> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == n) {
                break;
            }
            if (text.charAt(i) != ':' || ++i == n) {
                return null;
            }
            if (text.charAt(i) == ':') {
                if (compressedAt >= 0) {
                    return null;
                }
                compressedAt = groups;
                i++;
            }
        }
        return expand(out, groups, compressedAt);
    }

    /** Moves the groups after "::" to the end; "::" must stand for at least one zero group. */
    private static byte[] expand(byte[] out, int groups, int compressedAt) {
        if (compressedAt < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null;
        }
        int tailBytes = (groups - compressedAt) * 2;
        int shift = 16 - groups * 2;
        System.arraycopy(out, compressedAt * 2, out, compressedAt * 2 + shift, tailBytes);
        Arrays.fill(out, compressedAt * 2, compressedAt * 2 + shift, (byte) 0);
        return out;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
