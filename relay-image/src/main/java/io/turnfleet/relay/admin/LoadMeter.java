package io.turnfleet.relay.admin;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.function.LongSupplier;

/**
 * Turns the relayed-traffic counters into rates for {@code /load}. {@link #sample()} runs every
 * {@link #SAMPLE_INTERVAL}; a report divides what was relayed since the oldest sample of the window by
 * the time since then, so one burst does not swing the fleet's scaling decision.
 */
public final class LoadMeter {

    public static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(10);

    private final RelayStatus status;
    private final RelayMetrics metrics;
    private final LongSupplier nanoClock;
    private final long processStartNanos;
    private final long windowNanos;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    private record Sample(long nanos, double bytesToPeer, double bytesToClient,
                          double packetsToPeer, double packetsToClient) {
    }

    /**
     * @param nanoClock         monotonic clock in nanoseconds (System::nanoTime in production)
     * @param processStartNanos the process start on that clock, for the uptime
     * @param window            span the rates are averaged over
     */
    public LoadMeter(RelayStatus status, RelayMetrics metrics, LongSupplier nanoClock,
                     long processStartNanos, Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("load window " + window + " must be positive");
        }
        this.status = status;
        this.metrics = metrics;
        this.nanoClock = nanoClock;
        this.processStartNanos = processStartNanos;
        this.windowNanos = window.toNanos();
        samples.addLast(read(nanoClock.getAsLong()));
    }

    /** A meter on the system clock, over {@link #DEFAULT_WINDOW}, with uptime counted from JVM start. */
    public static LoadMeter onSystemClock(RelayStatus status, RelayMetrics metrics) {
        long now = System.nanoTime();
        long uptimeNanos = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()).toNanos();
        return new LoadMeter(status, metrics, System::nanoTime, now - uptimeNanos, DEFAULT_WINDOW);
    }

    /** Records the counters now and forgets samples no longer needed to cover the window. */
    public synchronized void sample() {
        long now = nanoClock.getAsLong();
        samples.addLast(read(now));
        // Keep the newest sample at or before the window start, so the rate spans the whole window.
        while (samples.size() > 2 && secondOldest().nanos() <= now - windowNanos) {
            samples.removeFirst();
        }
    }

    /** The current load; rates are 0 until time has passed since the first sample. */
    public synchronized LoadReport report() {
        long now = nanoClock.getAsLong();
        Sample current = read(now);
        Sample oldest = samples.peekFirst();
        double seconds = (now - oldest.nanos()) / 1e9;
        LoadReport.PerDirection bytes = new LoadReport.PerDirection(
                rate(current.bytesToPeer() - oldest.bytesToPeer(), seconds),
                rate(current.bytesToClient() - oldest.bytesToClient(), seconds));
        LoadReport.PerDirection packets = new LoadReport.PerDirection(
                rate(current.packetsToPeer() - oldest.packetsToPeer(), seconds),
                rate(current.packetsToClient() - oldest.packetsToClient(), seconds));
        LoadReport.Connections connections = new LoadReport.Connections(
                status.connections("udp"), status.connections("tcp"), status.connections("tls"));
        return new LoadReport(
                status.allocations(),
                status.permissions(),
                status.channels(),
                status.capacity(),
                bytes,
                packets,
                connections,
                status.draining(),
                Readiness.of(status) == Readiness.READY,
                Math.max(0, (now - processStartNanos) / 1_000_000_000L));
    }

    private Sample secondOldest() {
        var it = samples.iterator();
        it.next();
        return it.next();
    }

    private Sample read(long nanos) {
        return new Sample(nanos,
                metrics.relayedBytes(Direction.CLIENT_TO_PEER),
                metrics.relayedBytes(Direction.PEER_TO_CLIENT),
                metrics.relayedPackets(Direction.CLIENT_TO_PEER),
                metrics.relayedPackets(Direction.PEER_TO_CLIENT));
    }

    private static double rate(double delta, double seconds) {
        return seconds > 0 ? delta / seconds : 0.0;
    }
}
