package io.turnfleet.relay.turn;

import java.util.random.RandomGenerator;

/**
 * The relay port range (--relay-ports), shared by all event loops. Each port is drawn at random from
 * the free ones (RFC 8656 §7.2: the relayed port should be random, so another user cannot guess it),
 * in constant time: the free ports sit in an array with each port's position beside it, and a taken
 * port is swapped out with the last free one. A released port cools down in a short queue before it
 * can be drawn again, so datagrams still on their way to an ended allocation don't reach the next
 * one; it is handed out from there only when nothing else is free.
 */
public final class RelayPortPool {
    /** At most this many released ports cool down; beyond it the oldest becomes free again. */
    private static final int MAX_COOLING = 64;
    /** Random draws for an even port before a scan of the free ports. */
    private static final int EVEN_PORT_DRAWS = 16;
    private static final int TAKEN = -1;
    private static final int COOLING = -2;

    private final int min;
    private final int max;
    private final RandomGenerator random;
    /** Offsets (port - min) of the free ports in {@code free[0..freeCount)}. */
    private final int[] free;
    /** Where each offset sits in {@code free}, or {@link #TAKEN} or {@link #COOLING}. */
    private final int[] position;
    /** Cooling offsets, oldest first, in a ring from {@code coolingHead}; no boxing on release. */
    private final int[] cooling;
    private final int coolingCapacity;
    private int coolingHead;
    private int coolingCount;
    private int freeCount;
    private int inUse;

    public RelayPortPool(int min, int max, RandomGenerator random) {
        if (min < 1 || max > 65_535 || min > max) {
            throw new IllegalArgumentException("relay port range " + min + "-" + max + " is not within 1-65535");
        }
        this.min = min;
        this.max = max;
        this.random = random;
        int size = max - min + 1;
        this.free = new int[size];
        this.position = new int[size];
        for (int offset = 0; offset < size; offset++) {
            free[offset] = offset;
            position[offset] = offset;
        }
        this.freeCount = size;
        this.coolingCapacity = Math.min(MAX_COOLING, size / 4);
        this.cooling = new int[coolingCapacity + 1];
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public int size() {
        return max - min + 1;
    }

    public synchronized int inUse() {
        return inUse;
    }

    /** Takes a random free port, or returns -1 when the range is exhausted. */
    public synchronized int acquire() {
        if (freeCount == 0) {
            if (coolingCount == 0) {
                return -1;
            }
            int oldest = pollCooling();
            position[oldest] = TAKEN;
            inUse++;
            return min + oldest;
        }
        int offset = free[random.nextInt(freeCount)];
        take(offset);
        return min + offset;
    }

    /**
     * Takes a random even port; with {@code reserveNext} also the odd port above it (EVEN-PORT with the
     * R bit, RFC 8656 §14.6). Returns the even port or -1.
     */
    public synchronized int acquireEven(boolean reserveNext) {
        for (int draw = 0; draw < EVEN_PORT_DRAWS && freeCount > 0; draw++) {
            int offset = free[random.nextInt(freeCount)];
            if (fitsEven(offset, reserveNext)) {
                return takeEven(offset, reserveNext);
            }
        }
        int start = freeCount == 0 ? 0 : random.nextInt(freeCount);
        for (int i = 0; i < freeCount; i++) {
            int offset = free[(start + i) % freeCount];
            if (fitsEven(offset, reserveNext)) {
                return takeEven(offset, reserveNext);
            }
        }
        return -1;
    }

    private boolean fitsEven(int offset, boolean reserveNext) {
        int port = min + offset;
        return (port & 1) == 0 && (!reserveNext || (port + 1 <= max && position[offset + 1] >= 0));
    }

    private int takeEven(int offset, boolean reserveNext) {
        take(offset);
        if (reserveNext) {
            take(offset + 1);
        }
        return min + offset;
    }

    /** Takes a specific port if it is in range and free (or cooling). */
    public synchronized boolean acquire(int port) {
        if (port < min || port > max) {
            return false;
        }
        int offset = port - min;
        if (position[offset] >= 0) {
            take(offset);
            return true;
        }
        if (position[offset] == COOLING) {
            removeCooling(offset);
            position[offset] = TAKEN;
            inUse++;
            return true;
        }
        return false;
    }

    public synchronized void release(int port) {
        if (port < min || port > max) {
            return;
        }
        int offset = port - min;
        if (position[offset] != TAKEN) {
            return;
        }
        inUse--;
        position[offset] = COOLING;
        cooling[(coolingHead + coolingCount++) % cooling.length] = offset;
        if (coolingCount > coolingCapacity) {
            int cooled = pollCooling();
            position[cooled] = freeCount;
            free[freeCount++] = cooled;
        }
    }

    private int pollCooling() {
        int oldest = cooling[coolingHead];
        coolingHead = (coolingHead + 1) % cooling.length;
        coolingCount--;
        return oldest;
    }

    /** Takes one offset out of the middle of the cooling ring; the younger ones move up (at most 64). */
    private void removeCooling(int offset) {
        int i = 0;
        while (cooling[(coolingHead + i) % cooling.length] != offset) {
            i++;
        }
        for (; i < coolingCount - 1; i++) {
            cooling[(coolingHead + i) % cooling.length] = cooling[(coolingHead + i + 1) % cooling.length];
        }
        coolingCount--;
    }

    /** Moves a free offset out of the free array: the last free one takes its place. */
    private void take(int offset) {
        int at = position[offset];
        int last = free[--freeCount];
        free[at] = last;
        position[last] = at;
        position[offset] = TAKEN;
        inUse++;
    }
}
