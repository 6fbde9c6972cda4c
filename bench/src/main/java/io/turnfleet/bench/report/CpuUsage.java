package io.turnfleet.bench.report;

/**
 * CPU time a process used over the measured window.
 *
 * @param pid            0 for the generator itself
 * @param cpuSeconds     user + system CPU seconds over the window
 * @param utilization    cpuSeconds / window seconds (1.0 = one core busy)
 */
public record CpuUsage(int pid, double cpuSeconds, double utilization) {
    /** CPU-seconds per million relayed packets: the steadiest throughput figure on a noisy machine. */
    public double perMillionPackets(long relayedPackets) {
        return relayedPackets > 0 ? cpuSeconds / (relayedPackets / 1e6) : 0;
    }

    public static CpuUsage between(int pid, long ticksBefore, long ticksAfter, int ticksPerSecond, double windowSeconds) {
        double seconds = (double) (ticksAfter - ticksBefore) / ticksPerSecond;
        return new CpuUsage(pid, seconds, windowSeconds > 0 ? seconds / windowSeconds : 0);
    }
}
