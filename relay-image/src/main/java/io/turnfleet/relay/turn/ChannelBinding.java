package io.turnfleet.relay.turn;

import java.net.InetSocketAddress;

/** A channel number bound to a peer transport address (RFC 8656 §12). */
public final class ChannelBinding {
    private final int number;
    private final InetSocketAddress peer;
    private long expiresAtNanos;

    ChannelBinding(int number, InetSocketAddress peer, long expiresAtNanos) {
        this.number = number;
        this.peer = peer;
        this.expiresAtNanos = expiresAtNanos;
    }

    public int number() {
        return number;
    }

    public InetSocketAddress peer() {
        return peer;
    }

    public long expiresAtNanos() {
        return expiresAtNanos;
    }

    /** Whether the binding relays data now; once expired it is only held against rebinding. */
    public boolean isActive(long nowNanos) {
        return nowNanos - expiresAtNanos < 0;
    }

    boolean isHeld(long nowNanos) {
        return nowNanos - (expiresAtNanos + TurnTimers.CHANNEL_HOLD_NANOS) < 0;
    }

    void refresh(long expiresAtNanos) {
        this.expiresAtNanos = expiresAtNanos;
    }

    boolean isFor(InetSocketAddress address) {
        return peer.getPort() == address.getPort() && peer.getAddress().hashCode() == address.getAddress().hashCode()
                && peer.equals(address);
    }
}
