package io.turnfleet.bench.turn;

import io.turnfleet.relay.stun.Method;

/** The control-plane steps the generator times, in the order a run performs them. */
public enum Operation {
    /** 401 challenge, then an authenticated Allocate (RFC 8656 §7.1). */
    ALLOCATE(Method.ALLOCATE),
    /** ChannelBind to the echo peer, which also installs the permission (RFC 8656 §11.1). */
    CHANNEL_BIND(Method.CHANNEL_BIND),
    /** Refresh with LIFETIME 0: deletes the allocation (RFC 8656 §7.2). */
    REFRESH_ZERO(Method.REFRESH);

    private final int method;

    Operation(int method) {
        this.method = method;
    }

    public int method() {
        return method;
    }

    public String displayName() {
        return switch (this) {
            case ALLOCATE -> "Allocate";
            case CHANNEL_BIND -> "ChannelBind";
            case REFRESH_ZERO -> "Refresh(0)";
        };
    }
}
