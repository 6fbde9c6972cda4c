package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TurnTimersTest {

    private static final long MAX = 3600;

    @Test
    void refreshWithoutLifetimeGetsTheDefaultOfTenMinutes() {
        assertThat(TurnTimers.desiredLifetimeSeconds(0, false, MAX)).isEqualTo(600);
    }

    @Test
    void refreshWithZeroLifetimeAsksForDeletion() {
        assertThat(TurnTimers.desiredLifetimeSeconds(0, true, MAX)).isZero();
    }

    @ParameterizedTest(name = "requested {0} s -> {1} s")
    @CsvSource({"1, 600", "599, 600", "600, 600", "601, 601", "1800, 1800", "3600, 3600", "3601, 3600",
            "7200, 3600", "4294967295, 3600"})
    void refreshLifetimeIsCappedAtTheMaximumButNeverBelowTheDefault(long requested, long desired) {
        assertThat(TurnTimers.desiredLifetimeSeconds(requested, true, MAX)).isEqualTo(desired);
    }

    @Test
    void maximumBelowTheDefaultWinsOverTheDefault() {
        assertThat(TurnTimers.desiredLifetimeSeconds(0, false, 300)).isEqualTo(300);
        assertThat(TurnTimers.desiredLifetimeSeconds(100, true, 300)).isEqualTo(300);
        assertThat(TurnTimers.desiredLifetimeSeconds(900, true, 300)).isEqualTo(300);
    }

    @ParameterizedTest(name = "LIFETIME {0} in Allocate -> {1} s")
    @CsvSource({"0, 600", "1, 600", "600, 600", "1800, 1800", "7200, 3600"})
    void allocationLifetimeFollowsTheSameRuleExceptThatZeroGetsTheDefault(long requested, long initial) {
        assertThat(TurnTimers.initialLifetimeSeconds(requested, true, MAX)).isEqualTo(initial);
    }

    @Test
    void allocationWithoutLifetimeGetsTheDefault() {
        assertThat(TurnTimers.initialLifetimeSeconds(0, false, MAX)).isEqualTo(600);
    }

    @Test
    void protocolTimersHaveTheirRfcValues() {
        assertThat(TurnTimers.DEFAULT_ALLOCATION_LIFETIME_SECONDS).isEqualTo(600);
        assertThat(TurnTimers.PERMISSION_LIFETIME_NANOS).isEqualTo(TimeUnit.SECONDS.toNanos(300));
        assertThat(TurnTimers.CHANNEL_LIFETIME_NANOS).isEqualTo(TimeUnit.SECONDS.toNanos(600));
        assertThat(TurnTimers.CHANNEL_HOLD_NANOS).isEqualTo(TimeUnit.SECONDS.toNanos(300));
        assertThat(TurnTimers.RESERVATION_LIFETIME_NANOS).isEqualTo(TimeUnit.SECONDS.toNanos(30));
    }
}
