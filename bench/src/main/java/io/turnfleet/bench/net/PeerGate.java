package io.turnfleet.bench.net;

/** Decides whether the echo peer answers a datagram, by the relay port it came from. */
public interface PeerGate {
    boolean admit(int sourcePort);

    /** An ICMP error or similar surfaced on the peer socket. */
    void onSocketError(Throwable cause);
}
