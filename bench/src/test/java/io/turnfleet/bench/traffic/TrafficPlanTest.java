package io.turnfleet.bench.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficPlanTest {
    @Test
    void flatOutRemembersTwiceTheWindowAtLeast() {
        TrafficPlan plan = new TrafficPlan(0, 100, 100, 0, 1, 1_000_000_000L, PeerMode.ECHO);

        assertThat(plan.flatOut()).isTrue();
        assertThat(plan.trackerCapacity()).isGreaterThanOrEqualTo(200);
    }

    @Test
    void fixedRateRemembersEverythingSentWithinTheLossTimeoutTwice() {
        TrafficPlan plan = new TrafficPlan(500, 8, 100, 0, 1, 2_000_000_000L, PeerMode.ECHO);

        assertThat(plan.flatOut()).isFalse();
        assertThat(plan.trackerCapacity()).isGreaterThanOrEqualTo(2 * 500 * 2);
    }
}
