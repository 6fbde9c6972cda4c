package io.turnfleet.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.Fingerprint;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmarks are not run in CI; this checks that their inputs are valid and each operation works once. */
class StunCodecBenchmarkTest {
    @Test
    void fixtureIsAnAuthenticatedAllocateRequest() throws Exception {
        ByteBuf request = StunFixtures.authenticatedAllocate();
        StunMessage message = StunMessage.parse(request);

        assertThat(message.method()).isEqualTo(Method.ALLOCATE);
        assertThat(message.text(message.find(AttributeType.NONCE))).isEqualTo(StunFixtures.NONCE);
        assertThat(Fingerprint.verify(message)).isTrue();
        assertThat(request.release()).isTrue();
    }

    @Test
    void everyBenchmarkOperationSucceedsOnce() throws Exception {
        StunCodecBenchmark benchmark = new StunCodecBenchmark();
        benchmark.setUp();
        try {
            assertThat(benchmark.parseAllocateRequest()).isEqualTo(6);
            assertThat(benchmark.verifyIntegrity()).isTrue();
            assertThat(benchmark.encodeAllocateSuccess()).isEqualTo(20 + 12 + 12 + 8 + 24 + 8);
        } finally {
            benchmark.tearDown();
        }
    }
}
