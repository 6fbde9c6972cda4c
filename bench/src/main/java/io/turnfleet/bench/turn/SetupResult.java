package io.turnfleet.bench.turn;

import java.util.Map;

/**
 * How one control-plane {@link Operation} went for a batch of allocations.
 *
 * @param failures         one line per distinct failure, with how often it happened
 * @param serverCpuSeconds the server's CPU time over the batch ({@code /proc/PID/stat}); NaN when the
 *                         server's process was not given
 */
public record SetupResult(Operation operation, int attempted, int succeeded, double seconds,
                          Map<String, Integer> failures, double serverCpuSeconds) {
    public SetupResult {
        failures = Map.copyOf(failures);
    }

    public SetupResult(Operation operation, int attempted, int succeeded, double seconds,
                       Map<String, Integer> failures) {
        this(operation, attempted, succeeded, seconds, failures, Double.NaN);
    }

    public SetupResult withServerCpuSeconds(double cpuSeconds) {
        return new SetupResult(operation, attempted, succeeded, seconds, failures, cpuSeconds);
    }

    /** Successful operations per second of wall time, first request to last answer. */
    public double perSecond() {
        return seconds > 0 ? succeeded / seconds : 0;
    }

    /**
     * Server CPU microseconds per successful operation: what the batch cost the server, whether or
     * not the generator could drive it to saturation. NaN when not sampled.
     */
    public double serverCpuMicrosPerOperation() {
        return succeeded > 0 ? serverCpuSeconds * 1e6 / succeeded : Double.NaN;
    }

    public int failed() {
        return attempted - succeeded;
    }
}
