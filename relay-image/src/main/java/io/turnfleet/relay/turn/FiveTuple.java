package io.turnfleet.relay.turn;

import java.net.InetSocketAddress;

/** The client's 5-tuple that identifies an allocation (RFC 8656 §2.2). */
public record FiveTuple(InetSocketAddress client, InetSocketAddress server, Transport transport) {

    /** The transport between client and server. */
    public enum Transport { UDP, TCP, TLS }

    @Override
    public String toString() {
        return transport.name().toLowerCase(java.util.Locale.ROOT) + " " + client + " -> " + server;
    }
}
