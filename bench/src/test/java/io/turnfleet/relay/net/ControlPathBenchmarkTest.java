package io.turnfleet.relay.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CI does not run the benchmarks; this runs each control-path operation a few times, as JMH would. */
class ControlPathBenchmarkTest {
    @Test
    void challengeAndRefreshAreAnsweredEveryTime() throws Exception {
        OnEventLoop.run(() -> {
            ControlPathBenchmark benchmark = new ControlPathBenchmark();
            benchmark.setUp();
            try {
                for (int i = 0; i < 3; i++) {
                    // 401 with ERROR-CODE, REALM, NONCE and FINGERPRINT, within 3x of the 28-byte request.
                    assertThat(benchmark.challenge()).as("401 challenge").isBetween(20, 84);
                    // LIFETIME, MESSAGE-INTEGRITY, FINGERPRINT.
                    assertThat(benchmark.refresh()).as("Refresh success").isEqualTo(20 + 8 + 24 + 8);
                }
            } finally {
                benchmark.tearDown();
            }
            return null;
        });
    }
}
