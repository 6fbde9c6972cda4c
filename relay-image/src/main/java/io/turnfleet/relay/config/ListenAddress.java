package io.turnfleet.relay.config;

import io.turnfleet.relay.turn.IpLiteral;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/** A client-facing listener, --listen udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT. */
public record ListenAddress(Transport transport, InetSocketAddress address) {

    static final String FORMS = "udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478";
    static final String EXPECTED = "expected " + FORMS;

    public ListenAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    /** @throws IllegalArgumentException whose message starts with the quoted value */
    public static ListenAddress parse(String text) {
        int separator = text.indexOf("://");
        Transport transport = separator < 0 ? null : transport(text.substring(0, separator));
        if (transport == null) {
            throw new IllegalArgumentException("'" + text + "': unknown or missing scheme (" + EXPECTED + ")");
        }
        InetSocketAddress address = IpLiteral.socketAddress(text.substring(separator + 3), text, EXPECTED);
        return new ListenAddress(transport, address);
    }

    private static Transport transport(String scheme) {
        for (Transport transport : Transport.values()) {
            if (transport.scheme().equals(scheme.toLowerCase(Locale.ROOT))) {
                return transport;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return transport.scheme() + "://" + IpLiteral.format(address);
    }
}
