package io.turnfleet.relay.net;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * One sweep timer per event loop for every client path on it (its UDP listener socket and all its
 * TCP/TLS connections), instead of a timer per connection: each sweep expires allocations,
 * permissions and channels, closes idle connections and overdue TLS handshakes, and counts the
 * loop's permissions and channels for /load.
 */
final class LoopSweepers {
    /** A client path in a sweep. Called on its event loop. */
    interface Swept {
        /**
         * @param tickerNanos the loop's {@code ticker()} time, the clock of connection timeouts (tests
         *                    move it); allocations keep their own clock, {@code System.nanoTime()}
         */
        void sweep(long tickerNanos, SweepTotals totals);
    }

    private static final Duration LONGEST_PERIOD = Duration.ofSeconds(1);

    private final long periodNanos;
    private final LoopTotals totals = new LoopTotals();
    private final ConcurrentMap<EventLoop, Sweeper> byLoop = new ConcurrentHashMap<>();

    /**
     * Sweeps once a second, or often enough that a connection timeout is enforced within a quarter
     * of itself when a timeout shorter than four seconds is configured.
     */
    LoopSweepers(Duration shortestTimeout) {
        Duration quarter = shortestTimeout.dividedBy(4);
        this.periodNanos = Math.max(1, (quarter.compareTo(LONGEST_PERIOD) < 0 ? quarter : LONGEST_PERIOD).toNanos());
    }

    /** Adds {@code path} to the sweep of {@code loop}. Call on that loop. */
    void join(EventLoop loop, Swept path) {
        byLoop.computeIfAbsent(loop, Sweeper::new).paths.add(path);
    }

    /** Takes {@code path} out of the sweep of {@code loop}. Call on that loop. */
    void leave(EventLoop loop, Swept path) {
        Sweeper sweeper = byLoop.get(loop);
        if (sweeper != null) {
            sweeper.paths.remove(path);
        }
    }

    LoopTotals totals() {
        return totals;
    }

    /** The sweep of one event loop; its set of paths is only touched on that loop. */
    private final class Sweeper implements Runnable {
        private final EventLoop loop;
        private final Set<Swept> paths = new HashSet<>();

        Sweeper(EventLoop loop) {
            this.loop = loop;
            loop.scheduleAtFixedRate(this, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public void run() {
            SweepTotals sweep = new SweepTotals();
            long now = loop.ticker().nanoTime();
            // A path may close, and so leave, during its own sweep.
            for (Swept path : paths.toArray(new Swept[0])) {
                path.sweep(now, sweep);
            }
            totals.update(this, sweep.permissions, sweep.channels);
        }
    }
}
