package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --tcp-idle-timeout closes connections that hold no allocation and go silent; a connection with an
 * allocation lives as long as its allocation (RFC 8656 §3.1).
 */
class IdleTimeoutIT {
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);

    private static RelayUnderTest relay;

    @BeforeAll
    static void startRelayWithAOneSecondIdleTimeout() throws Exception {
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(List.of("--tcp-idle-timeout", IDLE_TIMEOUT.toSeconds() + "s"));
        relay = RelayUnderTest.start(flags);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aSilentConnectionWithoutAllocationIsClosedAfterTheIdleTimeout() throws Exception {
        try (TurnClient client = relay.tcpClient()) {
            long connected = System.nanoTime();

            assertThat(client.closedByRelayWithin(IDLE_TIMEOUT.multipliedBy(10))).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - connected)).as("not before the idle timeout")
                    .isGreaterThanOrEqualTo(IDLE_TIMEOUT.minusMillis(100));
        }
    }

    @Test
    void aConnectionThatOnlyUsedBindingIsClosedOnceSilent() throws Exception {
        try (TurnClient client = relay.tcpClient()) {
            assertThat(client.binding().isSuccess()).isTrue();

            assertThat(client.closedByRelayWithin(IDLE_TIMEOUT.multipliedBy(10))).isTrue();
        }
    }

    @Test
    void aSilentConnectionWithAnAllocationIsKept() throws Exception {
        try (TurnClient client = relay.tcpClient()) {
            client.allocate(TurnClient.UDP);

            assertThat(client.closedByRelayWithin(IDLE_TIMEOUT.multipliedBy(3))).as("closed while allocated")
                    .isFalse();
            assertThat(client.refresh(600).isSuccess()).isTrue();
        }
    }

    @Test
    void aConnectionWhoseAllocationEndedIsClosedOnceSilent() throws Exception {
        try (TurnClient client = relay.tcpClient()) {
            client.allocate(TurnClient.UDP);
            assertThat(client.refresh(0).isSuccess()).isTrue();

            assertThat(client.closedByRelayWithin(IDLE_TIMEOUT.multipliedBy(10))).isTrue();
        }
    }
}
