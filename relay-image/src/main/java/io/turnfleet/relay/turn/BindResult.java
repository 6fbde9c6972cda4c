package io.turnfleet.relay.turn;

/** Outcome of a ChannelBind against an allocation's bindings (RFC 8656 §11.2). */
public enum BindResult {
    BOUND,
    REFRESHED,
    /** The channel number is bound, or held after expiry, to a different peer. */
    NUMBER_BOUND_TO_OTHER_PEER,
    /** The peer is bound, or held after expiry, to a different channel number. */
    PEER_BOUND_TO_OTHER_NUMBER,
    /** The allocation already has its maximum number of bindings. */
    TOO_MANY_BINDINGS
}
