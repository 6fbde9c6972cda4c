package io.turnfleet.relay.config;

import io.turnfleet.relay.turn.IpLiteral;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * IP:PORT and [IPv6]:PORT text, with literal addresses only (no DNS). Brackets around an IPv4
 * address are accepted too, so that a pod template can write {@code [$(HOST_IP)]:9641} for a node
 * of either family.
 */
final class SocketAddresses {

    private SocketAddresses() {
    }

    /**
     * @param text the IP:PORT part
     * @param whole the value as given, quoted at the start of an error message
     * @param expected the "expected ..." text of error messages
     */
    static InetSocketAddress parse(String text, String whole, String expected) {
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
        byte[] address = IpLiteral.parse(host);
        if (address == null) {
            throw new IllegalArgumentException("'" + whole + "': '" + host + "' is not an IP address (" + expected + ")");
        }
        return new InetSocketAddress(IpLiteral.toInetAddress(host), port(port, whole, expected));
    }

    private static int port(String text, String whole, String expected) {
        boolean digits = !text.isEmpty() && text.length() <= 5 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        int port = digits ? Integer.parseInt(text) : -1;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + whole + "': port '" + text + "' is not within 1-65535 (" + expected + ")");
        }
        return port;
    }

    static String format(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = IpLiteral.format(ip.getAddress());
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
