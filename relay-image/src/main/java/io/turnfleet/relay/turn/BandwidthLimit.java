package io.turnfleet.relay.turn;

/**
 * A token bucket over relayed bytes: {@code bytesPerSecond} sustained, one second of burst.
 * Zero means unlimited.
 */
final class BandwidthLimit {
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long bytesPerSecond;
    private long tokens;
    private long updatedAtNanos;

    BandwidthLimit(long bytesPerSecond, long nowNanos) {
        this.bytesPerSecond = bytesPerSecond;
        this.tokens = bytesPerSecond;
        this.updatedAtNanos = nowNanos;
    }

    boolean admit(int bytes, long nowNanos) {
        if (bytesPerSecond == 0) {
            return true;
        }
        long elapsed = nowNanos - updatedAtNanos;
        if (elapsed > 0) {
            long refill = elapsed >= NANOS_PER_SECOND ? bytesPerSecond : elapsed * bytesPerSecond / NANOS_PER_SECOND;
            if (refill > 0) {
                tokens = Math.min(bytesPerSecond, tokens + refill);
                updatedAtNanos = nowNanos;
            }
        }
        if (tokens < bytes) {
            return false;
        }
        tokens -= bytes;
        return true;
    }
}
