package io.turnfleet.relay.stun;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Transport addresses (IP and port, RFC 8489 §3) written as "192.0.2.1:32853" or "[2001:db8::1]:32853". */
final class TransportAddress {
    private TransportAddress() {
    }

    /** Parses an IP literal and port; literals only, so no name lookup happens. */
    static InetSocketAddress of(String text) {
        int colon = text.lastIndexOf(':');
        String host = text.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(text.substring(colon + 1)));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }
}
