package io.turnfleet.bench.traffic;

/**
 * The packets one allocation has in flight: which sequence numbers went out when, which came back,
 * which came back twice, and which never did. Times are caller-supplied nanoseconds, so the rules
 * are testable without a clock. Not thread-safe: one event loop owns it.
 *
 * <p>Sequence numbers start at 0 and are remembered in a ring; a number older than the ring can't
 * be told apart from a duplicate any more and is reported as {@link #LATE}. Packets sent while
 * {@link #measuring} is true are "measured": they count towards sent, received and lost.
 */
public final class SequenceTracker {
    /** {@link #receive} result: sequence number never sent. */
    public static final long NEVER_SENT = -1;
    /** {@link #receive} result: this sequence number already came back. */
    public static final long DUPLICATE = -2;
    /** {@link #receive} result: arrived after it was declared lost (or too old to remember). */
    public static final long LATE = -3;

    private static final byte FREE = 0;
    private static final byte OUTSTANDING = 1;
    private static final byte RECEIVED = 2;
    private static final byte LOST = 3;

    private final int mask;
    private final long[] sentAt;
    private final byte[] state;
    private final boolean[] measured;
    private long next;
    private long oldest;
    private int inFlight;
    private boolean measuring;
    private long measuredSent;
    private long measuredReceived;
    private long measuredLost;
    private long duplicates;
    private long late;

    /** @param capacity how many recent sequence numbers to remember; rounded up to a power of two */
    public SequenceTracker(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) - 1) << 1;
        mask = size - 1;
        sentAt = new long[size];
        state = new byte[size];
        measured = new boolean[size];
    }

    /**
     * Records a send at {@code now} and returns its sequence number. A packet still outstanding in
     * the ring slot being reused is declared lost first.
     */
    public long send(long now) {
        long sequence = next++;
        int slot = (int) sequence & mask;
        if (state[slot] == OUTSTANDING) {
            declareLost(slot);
        }
        state[slot] = OUTSTANDING;
        sentAt[slot] = now;
        measured[slot] = measuring;
        if (measuring) {
            measuredSent++;
        }
        inFlight++;
        if (next - oldest > mask + 1) {
            oldest = next - (mask + 1);
        }
        return sequence;
    }

    /**
     * Records a packet coming back. Returns its send time (>= 0 when valid), or {@link #NEVER_SENT},
     * {@link #DUPLICATE} or {@link #LATE}.
     */
    public long receive(long sequence) {
        if (sequence < 0 || sequence >= next) {
            return NEVER_SENT;
        }
        if (sequence < next - (mask + 1)) {
            late++;
            return LATE;
        }
        int slot = (int) sequence & mask;
        switch (state[slot]) {
            case OUTSTANDING -> {
                state[slot] = RECEIVED;
                inFlight--;
                if (measured[slot]) {
                    measuredReceived++;
                }
                return sentAt[slot];
            }
            case RECEIVED -> {
                duplicates++;
                return DUPLICATE;
            }
            default -> {
                late++;
                return LATE;
            }
        }
    }

    /** Whether the packet with this (valid, just received) sequence number was sent while measuring. */
    public boolean wasMeasured(long sequence) {
        return measured[(int) sequence & mask];
    }

    /** Declares lost every packet sent at or before {@code sentBefore} that has not come back. */
    public void expire(long sentBefore) {
        while (oldest < next) {
            int slot = (int) oldest & mask;
            if (state[slot] == OUTSTANDING) {
                if (sentAt[slot] - sentBefore > 0) {
                    return;
                }
                declareLost(slot);
            }
            oldest++;
        }
    }

    private void declareLost(int slot) {
        state[slot] = LOST;
        inFlight--;
        if (measured[slot]) {
            measuredLost++;
        }
    }

    public void measuring(boolean on) {
        measuring = on;
    }

    public int inFlight() {
        return inFlight;
    }

    public long measuredSent() {
        return measuredSent;
    }

    public long measuredReceived() {
        return measuredReceived;
    }

    public long measuredLost() {
        return measuredLost;
    }

    /** Measured packets neither received nor declared lost yet. */
    public long measuredOutstanding() {
        return measuredSent - measuredReceived - measuredLost;
    }

    public long duplicates() {
        return duplicates;
    }

    public long late() {
        return late;
    }
}
