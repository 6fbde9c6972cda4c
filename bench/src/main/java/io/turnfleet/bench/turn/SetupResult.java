package io.turnfleet.bench.turn;

import java.util.Map;

/**
 * How one control-plane {@link Operation} went for a batch of allocations.
 *
 * @param failures one line per distinct failure, with how often it happened
 */
public record SetupResult(Operation operation, int attempted, int succeeded, double seconds,
                          Map<String, Integer> failures) {
    public SetupResult {
        failures = Map.copyOf(failures);
    }

    /** Successful operations per second of wall time, first request to last answer. */
    public double perSecond() {
        return seconds > 0 ? succeeded / seconds : 0;
    }

    public int failed() {
        return attempted - succeeded;
    }
}
