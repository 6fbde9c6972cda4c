package io.turnfleet.relay.fleet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainTest {
    @Test
    void startsOnceAndKeepsTheFirstDeadline() {
        Drain drain = new Drain();
        assertThat(drain.isDraining()).isFalse();
        assertThat(drain.start(1_000)).isTrue();
        assertThat(drain.start(9_000)).isFalse();
        assertThat(drain.isDraining()).isTrue();
        assertThat(drain.deadlineNanos()).isEqualTo(1_000);
    }
}
