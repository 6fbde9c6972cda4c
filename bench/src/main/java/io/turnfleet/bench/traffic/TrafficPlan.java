package io.turnfleet.bench.traffic;

/**
 * What the traffic phase sends: {@code ratePerAllocation} packets per second from each allocation
 * (0 = flat out, keeping {@code window} packets in flight per allocation), {@code payloadSize}
 * bytes each, for a warm-up and then a measured window; a packet not back within
 * {@code lossTimeoutNanos} counts as lost. {@code peerMode} says who sends packets back.
 */
public record TrafficPlan(int ratePerAllocation, int window, int payloadSize, long warmupNanos,
                          long durationNanos, long lossTimeoutNanos, PeerMode peerMode) {
    public boolean flatOut() {
        return ratePerAllocation == 0;
    }

    /** Sequence numbers each allocation must remember: everything it can have in flight, twice over. */
    public int trackerCapacity() {
        long perTimeout = flatOut() ? window : (long) Math.ceil(ratePerAllocation * (lossTimeoutNanos / 1e9));
        return (int) Math.min(1 << 20, Math.max(64, 2 * (perTimeout + window) + 16));
    }
}
