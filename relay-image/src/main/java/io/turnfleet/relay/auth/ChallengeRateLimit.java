package io.turnfleet.relay.auth;

import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * Limits how many 401 challenges one source gets per second, so the relay cannot be used to reflect
 * traffic at a spoofed address. A token bucket per source, kept as one "theoretical arrival time" per
 * source (the generic cell rate algorithm): a challenge is allowed while the source's arrival time is
 * at most {@code burst - 1} intervals ahead of now.
 *
 * <p>Memory is bounded: a fixed table of primitive slots, {@value #WAYS}-way set associative. A new
 * source replaces, within its set, a slot whose bucket is already full again (it holds no state
 * worth keeping) or else the one refilling soonest. IPv6 sources are limited per /64, since one host
 * commonly has a whole /64. Thread-safe; callers are event loops, and challenges are rare compared
 * with relayed packets.
 */
public final class ChallengeRateLimit {

    public static final int DEFAULT_CAPACITY = 65_536;
    private static final int WAYS = 4;
    private static final long IPV4_MAPPED_MARKER = 0xffff_0000_0000L;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final LongSupplier nanoTime;
    private final int setMask;
    private final long[] sourceHigh;
    private final long[] sourceLow;
    private final long[] arrival;
    private final boolean[] used;

    /**
     * @param challengesPerSecond sustained rate per source
     * @param burst challenges a quiet source may receive at once
     * @param capacity sources tracked (rounded up to a power of two, at least {@value #WAYS})
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    public ChallengeRateLimit(double challengesPerSecond, int burst, int capacity, LongSupplier nanoTime) {
        if (!(challengesPerSecond > 0) || challengesPerSecond > 1e9) {
            throw new IllegalArgumentException("challenges per second must be within (0, 1e9], not " + challengesPerSecond);
        }
        if (burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException("burst must be within 1-1000000, not " + burst);
        }
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("capacity must be within 1-16777216, not " + capacity);
        }
        this.intervalNanos = Math.round(1e9 / challengesPerSecond);
        this.toleranceNanos = intervalNanos * (burst - 1);
        this.nanoTime = nanoTime;
        int slots = Math.max(WAYS, Integer.highestOneBit(capacity - 1) << 1);
        this.setMask = slots / WAYS - 1;
        this.sourceHigh = new long[slots];
        this.sourceLow = new long[slots];
        this.arrival = new long[slots];
        this.used = new boolean[slots];
    }

    public ChallengeRateLimit(double challengesPerSecond, int burst) {
        this(challengesPerSecond, burst, DEFAULT_CAPACITY, System::nanoTime);
    }

    /** True when {@code source} may be sent a challenge now; counts it. */
    public boolean tryAcquire(InetAddress source) {
        byte[] address = source.getAddress();
        if (address.length == 4) {
            return tryAcquireIpv4((address[0] & 0xff) << 24 | (address[1] & 0xff) << 16
                    | (address[2] & 0xff) << 8 | (address[3] & 0xff));
        }
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | (address[i] & 0xff);
            low = low << 8 | (address[8 + i] & 0xff);
        }
        return tryAcquireIpv6(high, low);
    }

    public boolean tryAcquireIpv4(int address) {
        return acquire(0, IPV4_MAPPED_MARKER | Integer.toUnsignedLong(address));
    }

    public boolean tryAcquireIpv6(long high, long low) {
        boolean ipv4Mapped = high == 0 && low >>> 32 == IPV4_MAPPED_MARKER >>> 32;
        return acquire(high, ipv4Mapped ? low : 0);
    }

    private synchronized boolean acquire(long high, long low) {
        long now = nanoTime.getAsLong();
        int first = set(high, low) * WAYS;
        int victim = first;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (!used[slot]) {
                victim = slot;
                continue;
            }
            if (sourceHigh[slot] == high && sourceLow[slot] == low) {
                return admit(slot, now);
            }
            if (used[victim] && arrival[slot] - arrival[victim] < 0) {
                victim = slot;
            }
        }
        used[victim] = true;
        sourceHigh[victim] = high;
        sourceLow[victim] = low;
        arrival[victim] = now;
        return admit(victim, now);
    }

    private boolean admit(int slot, long now) {
        long start = arrival[slot] - now > 0 ? arrival[slot] : now;
        if (start - now > toleranceNanos) {
            return false;
        }
        arrival[slot] = start + intervalNanos;
        return true;
    }

    private int set(long high, long low) {
        long h = (high * 0x9E37_79B9_7F4A_7C15L) ^ low;
        h *= 0xBF58_476D_1CE4_E5B9L;
        return (int) (h ^ h >>> 31) & setMask;
    }
}
