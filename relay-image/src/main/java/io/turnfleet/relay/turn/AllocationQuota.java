package io.turnfleet.relay.turn;

import java.util.HashMap;
import java.util.Map;

/**
 * Allocation counts against --max-allocations (508 when full) and --user-quota (486), shared by all
 * event loops. Zero means unlimited. A TURN REST username ({@code <expiry>:<user>}) counts for its
 * user, so minting fresh credentials does not reset the quota.
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

    /** The user a quota counts for: the part after the expiry of a TURN REST username, else the name. */
    static String userOf(String username) {
        int colon = username.indexOf(':');
        if (colon <= 0) {
            return username;
        }
        for (int i = 0; i < colon; i++) {
            if (!Character.isDigit(username.charAt(i))) {
                return username;
            }
        }
        return username.substring(colon + 1);
    }

    public synchronized Outcome tryAcquire(String username) {
        String user = userOf(username);
        if (maxAllocations > 0 && total >= maxAllocations) {
            return Outcome.CAPACITY_REACHED;
        }
        int current = byUser.getOrDefault(user, 0);
        if (perUser > 0 && current >= perUser) {
            return Outcome.USER_QUOTA_REACHED;
        }
        byUser.put(user, current + 1);
        total++;
        return Outcome.GRANTED;
    }

    public synchronized void release(String username) {
        String user = userOf(username);
        Integer current = byUser.get(user);
        if (current == null) {
            return;
        }
        if (current <= 1) {
            byUser.remove(user);
        } else {
            byUser.put(user, current - 1);
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
