package io.turnfleet.relay.turn;

import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;

/** The client's 5-tuple that identifies an allocation (RFC 8656 §2.2). */
public record FiveTuple(InetSocketAddress client, InetSocketAddress server, Transport transport) {

    @Override
    public String toString() {
        return transport.scheme() + " " + client + " -> " + server;
    }
}
