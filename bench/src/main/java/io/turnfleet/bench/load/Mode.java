package io.turnfleet.bench.load;

/** What a run does between setting allocations up and deleting them. */
public enum Mode {
    /** Allocate, bind a channel each, relay ChannelData to the echo peer, Refresh 0. */
    TRAFFIC,
    /** Allocate, bind a channel each (one permission + one channel), hold them idle, Refresh 0. */
    IDLE,
    /** Allocate, then Refresh 0: the control-plane rate alone. */
    ALLOCATE
}
