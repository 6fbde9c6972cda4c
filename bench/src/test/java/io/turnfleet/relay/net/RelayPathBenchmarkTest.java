package io.turnfleet.relay.net;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** CI does not run the benchmarks; this runs each relay-path operation a few times, as JMH would. */
class RelayPathBenchmarkTest {
    @Test
    void eachDirectionRelaysThePayloadEveryTime() throws Exception {
        OnEventLoop.run(() -> {
            RelayPathBenchmark benchmark = new RelayPathBenchmark();
            benchmark.setUp();
            try {
                for (int i = 0; i < 3; i++) {
                    assertThat(benchmark.clientToPeer()).as("datagram to the peer").isEqualTo(100);
                    assertThat(benchmark.peerToClient()).as("ChannelData to the client").isEqualTo(4 + 100);
                }
            } finally {
                benchmark.tearDown();
            }
            return null;
        });
    }
}
