package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadinessTest {

    private final FakeRelayStatus status = new FakeRelayStatus();

    @Test
    void readyRelayThatIsNotDrainingIsReady() {
        assertThat(Readiness.of(status)).isEqualTo(Readiness.READY);
        assertThat(Readiness.READY.word()).isEqualTo("ready");
    }

    @Test
    void drainingWinsEvenIfTheEngineStillSaysReady() {
        status.draining = true;
        assertThat(Readiness.of(status)).isEqualTo(Readiness.DRAINING);
        assertThat(Readiness.DRAINING.word()).isEqualTo("draining");
    }

    @Test
    void notReadyAndNotDrainingIsUnconfigured() {
        status.ready = false;
        assertThat(Readiness.of(status)).isEqualTo(Readiness.UNCONFIGURED);
        assertThat(Readiness.UNCONFIGURED.word()).isEqualTo("unconfigured");
    }
}
