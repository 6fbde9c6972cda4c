package io.turnfleet.relay.turn;

import java.util.BitSet;
import java.util.random.RandomGenerator;

/**
 * The relay port range (--relay-ports), shared by all event loops. Ports are handed out from a
 * moving cursor that starts at a random place, so a port just freed is not reused at once and
 * consecutive allocations don't get predictable ports (RFC 8656 §7.2 asks for randomized ports).
 */
public final class RelayPortPool {
    private final int min;
    private final int max;
    private final BitSet used;
    private int cursor;
    private int inUse;

    public RelayPortPool(int min, int max, RandomGenerator random) {
        if (min < 1 || max > 65_535 || min > max) {
            throw new IllegalArgumentException("relay port range " + min + "-" + max + " is not within 1-65535");
        }
        this.min = min;
        this.max = max;
        this.used = new BitSet(max - min + 1);
        this.cursor = random.nextInt(max - min + 1);
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    public synchronized int size() {
        return max - min + 1;
    }

    public synchronized int inUse() {
        return inUse;
    }

    /** Takes a free port, or returns -1 when the range is exhausted. */
    public synchronized int acquire() {
        int size = max - min + 1;
        int index = used.nextClearBit(cursor);
        if (index >= size) {
            index = used.nextClearBit(0);
            if (index >= size) {
                return -1;
            }
        }
        take(index);
        return min + index;
    }

    /**
     * Takes an even port; with {@code reserveNext} also the odd port above it (EVEN-PORT with the R bit,
     * RFC 8656 §14.6). Returns the even port or -1.
     */
    public synchronized int acquireEven(boolean reserveNext) {
        int size = max - min + 1;
        for (int step = 0; step < size; step++) {
            int index = (cursor + step) % size;
            int port = min + index;
            if ((port & 1) != 0 || used.get(index)) {
                continue;
            }
            if (reserveNext && (port + 1 > max || used.get(index + 1))) {
                continue;
            }
            take(index);
            if (reserveNext) {
                take(index + 1);
            }
            return port;
        }
        return -1;
    }

    /** Takes a specific port if it is in range and free. */
    public synchronized boolean acquire(int port) {
        if (port < min || port > max || used.get(port - min)) {
            return false;
        }
        take(port - min);
        return true;
    }

    public synchronized void release(int port) {
        if (port >= min && port <= max && used.get(port - min)) {
            used.clear(port - min);
            inUse--;
        }
    }

    private void take(int index) {
        used.set(index);
        inUse++;
        cursor = (index + 1) % (max - min + 1);
    }
}
