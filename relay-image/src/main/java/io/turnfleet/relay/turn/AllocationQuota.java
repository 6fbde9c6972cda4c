package io.turnfleet.relay.turn;

import java.util.HashMap;
import java.util.Map;

/**
 * Allocation counts against --max-allocations (508 when full) and --user-quota (486), shared by all
 * event loops. Zero means unlimited.
 */
public final class AllocationQuota {
    /** Result of {@link #tryAcquire}. */
    public enum Outcome { GRANTED, USER_QUOTA_REACHED, CAPACITY_REACHED }

    private final int maxAllocations;
    private final int perUser;
    private final Map<String, Integer> byUser = new HashMap<>();
    private int total;

    public AllocationQuota(int maxAllocations, int perUser) {
        this.maxAllocations = maxAllocations;
        this.perUser = perUser;
    }

    public synchronized Outcome tryAcquire(String username) {
        if (maxAllocations > 0 && total >= maxAllocations) {
            return Outcome.CAPACITY_REACHED;
        }
        int current = byUser.getOrDefault(username, 0);
        if (perUser > 0 && current >= perUser) {
            return Outcome.USER_QUOTA_REACHED;
        }
        byUser.put(username, current + 1);
        total++;
        return Outcome.GRANTED;
    }

    public synchronized void release(String username) {
        Integer current = byUser.get(username);
        if (current == null) {
            return;
        }
        if (current <= 1) {
            byUser.remove(username);
        } else {
            byUser.put(username, current - 1);
        }
        total--;
    }

    public synchronized int total() {
        return total;
    }

    public int capacity() {
        return maxAllocations;
    }

    public synchronized boolean isFull() {
        return maxAllocations > 0 && total >= maxAllocations;
    }
}
