package io.turnfleet.relay.turn;

import io.turnfleet.relay.turn.AllocationQuota.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AllocationQuotaTest {

    @Test
    void zeroMeansUnlimited() {
        AllocationQuota quota = new AllocationQuota(0, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(quota.tryAcquire("alice")).isEqualTo(Outcome.GRANTED);
        }

        assertThat(quota.total()).isEqualTo(10_000);
        assertThat(quota.isFull()).isFalse();
        assertThat(quota.capacity()).isZero();
    }

    @Test
    void userQuotaStopsThatUserOnly() {
        AllocationQuota quota = new AllocationQuota(0, 2);
        quota.tryAcquire("alice");
        quota.tryAcquire("alice");

        assertThat(quota.tryAcquire("alice")).isEqualTo(Outcome.USER_QUOTA_REACHED);
        assertThat(quota.tryAcquire("bob")).isEqualTo(Outcome.GRANTED);
        assertThat(quota.total()).isEqualTo(3);
    }

    @Test
    void capacityStopsEveryone() {
        AllocationQuota quota = new AllocationQuota(2, 0);
        quota.tryAcquire("alice");
        quota.tryAcquire("bob");

        assertThat(quota.isFull()).isTrue();
        assertThat(quota.tryAcquire("carol")).isEqualTo(Outcome.CAPACITY_REACHED);
        assertThat(quota.total()).isEqualTo(2);
        assertThat(quota.capacity()).isEqualTo(2);
    }

    @Test
    void fullRelayIsReportedBeforeAFullUser() {
        AllocationQuota quota = new AllocationQuota(1, 1);
        quota.tryAcquire("alice");

        assertThat(quota.tryAcquire("alice")).isEqualTo(Outcome.CAPACITY_REACHED);
    }

    @Test
    void releaseGivesBackTheUsersShareAndTheRelays() {
        AllocationQuota quota = new AllocationQuota(1, 1);
        quota.tryAcquire("alice");

        quota.release("alice");

        assertThat(quota.total()).isZero();
        assertThat(quota.isFull()).isFalse();
        assertThat(quota.tryAcquire("alice")).isEqualTo(Outcome.GRANTED);
    }

    @Test
    void releaseOfAUserWithoutAllocationsChangesNothing() {
        AllocationQuota quota = new AllocationQuota(0, 0);
        quota.tryAcquire("alice");

        quota.release("bob");

        assertThat(quota.total()).isEqualTo(1);
    }

    @Test
    void restCredentialsOfOneUserShareTheUsersQuota() {
        AllocationQuota quota = new AllocationQuota(0, 1);

        assertThat(quota.tryAcquire("1700000000:alice")).isEqualTo(AllocationQuota.Outcome.GRANTED);
        assertThat(quota.tryAcquire("1700000600:alice")).isEqualTo(AllocationQuota.Outcome.USER_QUOTA_REACHED);
        quota.release("1700000000:alice");
        assertThat(quota.tryAcquire("1700000600:alice")).isEqualTo(AllocationQuota.Outcome.GRANTED);
    }

    @Test
    void aNameWithAColonThatIsNoRestUsernameCountsAsItself() {
        assertThat(AllocationQuota.userOf("team:alice")).isEqualTo("team:alice");
        assertThat(AllocationQuota.userOf(":alice")).isEqualTo(":alice");
        assertThat(AllocationQuota.userOf("1700000000:team:alice")).isEqualTo("team:alice");
    }
}
