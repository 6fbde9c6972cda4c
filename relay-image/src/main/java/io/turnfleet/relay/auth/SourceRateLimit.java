package io.turnfleet.relay.auth;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.function.LongSupplier;

/**
 * A token bucket per source address, for events a source may cause only so often: 401 challenges
 * (so the relay cannot reflect traffic at a spoofed address) and new TCP/TLS connections. Each
 * bucket is kept as one "theoretical arrival time" (the generic cell rate algorithm): an event is
 * allowed while the source's arrival time is at most {@code burst - 1} intervals ahead of now.
 *
 * <p>{@link #credit} returns one token. For challenges, each request a source authenticates earns
 * its challenge back: authenticating takes a nonce, which is bound to the address it was sent to, so
 * only a source that really receives the relay's answers can do that; a spoofed victim never does.
 * Busy NATs and load generators keep full buckets, reflection stays capped.
 *
 * <p>Memory is bounded: a fixed table of primitive slots, {@value #WAYS}-way set associative. A new
 * source replaces, within its set, a slot whose bucket is already full again (it holds no state
 * worth keeping) or else the one refilling soonest. IPv6 sources are limited per /64, since one host
 * commonly has a whole /64. Thread-safe; callers are event loops, and these events are rare compared
 * with relayed packets.
 */
public final class SourceRateLimit {

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
     * @param eventsPerSecond sustained rate per source
     * @param burst events a quiet source may cause at once
     * @param capacity sources tracked (rounded up to a power of two, at least {@value #WAYS})
     * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
     */
    public SourceRateLimit(double eventsPerSecond, int burst, int capacity, LongSupplier nanoTime) {
        if (!(eventsPerSecond > 0) || eventsPerSecond > 1e9) {
            throw new IllegalArgumentException("events per second must be within (0, 1e9], not " + eventsPerSecond);
        }
        if (burst < 1 || burst > 1_000_000) {
            throw new IllegalArgumentException("burst must be within 1-1000000, not " + burst);
        }
        if (capacity < 1 || capacity > 1 << 24) {
            throw new IllegalArgumentException("capacity must be within 1-16777216, not " + capacity);
        }
        this.intervalNanos = Math.round(1e9 / eventsPerSecond);
        this.toleranceNanos = intervalNanos * (burst - 1);
        this.nanoTime = nanoTime;
        int slots = Math.max(WAYS, Integer.highestOneBit(capacity - 1) << 1);
        this.setMask = slots / WAYS - 1;
        this.sourceHigh = new long[slots];
        this.sourceLow = new long[slots];
        this.arrival = new long[slots];
        this.used = new boolean[slots];
    }

    public SourceRateLimit(double eventsPerSecond, int burst) {
        this(eventsPerSecond, burst, DEFAULT_CAPACITY, System::nanoTime);
    }

    /** True when {@code source} may cause one more event now; counts it. */
    public boolean tryAcquire(InetAddress source) {
        if (source instanceof Inet4Address) {
            return tryAcquireIpv4(source.hashCode());
        }
        byte[] address = source.getAddress();
        return acquire(keyHigh(address), keyLow(address));
    }

    /** Returns one token to {@code source}'s bucket (for challenges: it authenticated a request). */
    public void credit(InetAddress source) {
        if (source instanceof Inet4Address) {
            // Inet4Address.hashCode() is the address itself: no byte[] for every authenticated request.
            refund(0, IPV4_MAPPED_MARKER | Integer.toUnsignedLong(source.hashCode()));
            return;
        }
        byte[] address = source.getAddress();
        refund(keyHigh(address), keyLow(address));
    }

    /** The bucket key of an address: IPv4 as an IPv4-mapped address, IPv6 by its /64. */
    private static long keyHigh(byte[] address) {
        return address.length == 4 ? 0 : longAt(address, 0);
    }

    private static long keyLow(byte[] address) {
        if (address.length == 4) {
            return IPV4_MAPPED_MARKER | (longAt(address, 0) >>> 32);
        }
        long high = longAt(address, 0);
        long low = longAt(address, 8);
        return high == 0 && low >>> 32 == IPV4_MAPPED_MARKER >>> 32 ? low : 0;
    }

    private static long longAt(byte[] address, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = value << 8 | (offset + i < address.length ? address[offset + i] & 0xff : 0);
        }
        return value;
    }

    private synchronized void refund(long high, long low) {
        long now = nanoTime.getAsLong();
        int first = set(high, low) * WAYS;
        for (int slot = first; slot < first + WAYS; slot++) {
            if (used[slot] && sourceHigh[slot] == high && sourceLow[slot] == low) {
                long earlier = arrival[slot] - intervalNanos;
                arrival[slot] = earlier - now > 0 ? earlier : now;
                return;
            }
        }
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
