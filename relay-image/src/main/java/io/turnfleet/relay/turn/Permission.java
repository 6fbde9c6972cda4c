package io.turnfleet.relay.turn;

import java.net.InetAddress;

/**
 * Permission for one peer IP address; the port does not matter (RFC 8656 §9). The raw address bytes
 * are kept so Data indications can encode the peer without copying them again.
 */
public final class Permission {
    private final InetAddress peer;
    private final byte[] rawPeer;
    private long expiresAtNanos;

    Permission(InetAddress peer, long expiresAtNanos) {
        this.peer = peer;
        this.rawPeer = peer.getAddress();
        this.expiresAtNanos = expiresAtNanos;
    }

    public InetAddress peer() {
        return peer;
    }

    /** The peer address as 4 or 16 bytes. Do not modify. */
    public byte[] rawPeer() {
        return rawPeer;
    }

    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    void refresh(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }

    boolean matches(InetAddress address) {
        // hashCode first: for IPv4 it is the address itself, so most misses cost one int compare.
        return peer.hashCode() == address.hashCode() && peer.equals(address);
    }
}
