package io.turnfleet.relay.net;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Permission and channel counts of every event loop, as of its last sweep (at most a second old):
 * the numbers behind the turnfleet_permissions and turnfleet_channels gauges and /load.
 */
final class LoopTotals {
    private record Counts(long permissions, long channels) {
    }

    private final ConcurrentMap<Object, Counts> byLoop = new ConcurrentHashMap<>();

    void update(Object loop, long permissions, long channels) {
        if (permissions == 0 && channels == 0) {
            byLoop.remove(loop);
        } else {
            byLoop.put(loop, new Counts(permissions, channels));
        }
    }

    long permissions() {
        return byLoop.values().stream().mapToLong(Counts::permissions).sum();
    }

    long channels() {
        return byLoop.values().stream().mapToLong(Counts::channels).sum();
    }
}
