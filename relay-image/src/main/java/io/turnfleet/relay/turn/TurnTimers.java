package io.turnfleet.relay.turn;

import java.util.concurrent.TimeUnit;

/** The protocol's fixed lifetimes (RFC 8656 §3.1, §9, §12, §7.2 step for RESERVATION-TOKEN). */
public final class TurnTimers {
    public static final long DEFAULT_ALLOCATION_LIFETIME_SECONDS = 600;
    public static final long PERMISSION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(300);
    public static final long CHANNEL_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(600);
    /** After a binding expires, neither its number nor its peer may be bound to something else for 5 minutes. */
    public static final long CHANNEL_HOLD_NANOS = TimeUnit.SECONDS.toNanos(300);
    /** How long a port reserved by EVEN-PORT's R bit waits for its RESERVATION-TOKEN (RFC 8656 §7.2: 30 s). */
    public static final long RESERVATION_LIFETIME_NANOS = TimeUnit.SECONDS.toNanos(30);

    private TurnTimers() {
    }

    /**
     * The "desired lifetime" of a Refresh (RFC 8656 §7.3): zero stays zero (delete the allocation);
     * otherwise the requested value capped at the server maximum, but never below the default.
     */
    public static long desiredLifetimeSeconds(long requestedSeconds, boolean requested, long maxSeconds) {
        if (!requested) {
            return Math.min(DEFAULT_ALLOCATION_LIFETIME_SECONDS, maxSeconds);
        }
        if (requestedSeconds == 0) {
            return 0;
        }
        long capped = Math.min(requestedSeconds, maxSeconds);
        return Math.max(capped, Math.min(DEFAULT_ALLOCATION_LIFETIME_SECONDS, maxSeconds));
    }

    /**
     * The initial lifetime of a new allocation (RFC 8656 §7.2): the requested value capped at the
     * server maximum, but never below the default. Unlike in a Refresh, LIFETIME 0 asks for nothing
     * special here: min(0, maximum) is not above the default, so the default applies.
     */
    public static long initialLifetimeSeconds(long requestedSeconds, boolean requested, long maxSeconds) {
        return desiredLifetimeSeconds(requestedSeconds, requested && requestedSeconds != 0, maxSeconds);
    }
}
