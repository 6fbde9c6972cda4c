package io.turnfleet.relay.fleet;

/**
 * Whether the relay is draining (after SIGTERM): no new allocations, existing ones relay until
 * they end or the deadline passes (design.md, "Drain").
 */
public final class Drain {
    private volatile boolean draining;
    private volatile long deadlineNanos;

    /** Starts draining; returns false when already draining. */
    public synchronized boolean start(long deadlineNanos) {
        if (draining) {
            return false;
        }
        this.deadlineNanos = deadlineNanos;
        this.draining = true;
        return true;
    }

    public boolean isDraining() {
        return draining;
    }

    /** The moment by which every allocation ends; meaningful only while draining. */
    public long deadlineNanos() {
        return deadlineNanos;
    }
}
