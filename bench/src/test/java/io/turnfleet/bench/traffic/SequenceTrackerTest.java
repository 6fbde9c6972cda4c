package io.turnfleet.bench.traffic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SequenceTrackerTest {
    private final SequenceTracker tracker = new SequenceTracker(8);

    @Test
    void firstReceiptReturnsTheSendTime() {
        long sequence = tracker.send(1_000);

        assertThat(sequence).isZero();
        assertThat(tracker.inFlight()).isEqualTo(1);
        assertThat(tracker.receive(sequence)).isEqualTo(1_000);
        assertThat(tracker.inFlight()).isZero();
    }

    @Test
    void secondReceiptIsADuplicate() {
        long sequence = tracker.send(1_000);
        tracker.receive(sequence);

        assertThat(tracker.receive(sequence)).isEqualTo(SequenceTracker.DUPLICATE);
        assertThat(tracker.duplicates()).isEqualTo(1);
    }

    @Test
    void sequenceNeverSentIsReported() {
        tracker.send(1_000);

        assertThat(tracker.receive(1)).isEqualTo(SequenceTracker.NEVER_SENT);
        assertThat(tracker.receive(-5)).isEqualTo(SequenceTracker.NEVER_SENT);
    }

    @Test
    void packetNotBackBeforeTheDeadlineIsLostAndItsLateArrivalIsCountedAsLate() {
        tracker.measuring(true);
        long first = tracker.send(1_000);
        long second = tracker.send(5_000);

        tracker.expire(2_000);

        assertThat(tracker.measuredLost()).isEqualTo(1);
        assertThat(tracker.inFlight()).isEqualTo(1);
        assertThat(tracker.receive(first)).isEqualTo(SequenceTracker.LATE);
        assertThat(tracker.late()).isEqualTo(1);
        assertThat(tracker.receive(second)).isEqualTo(5_000);
    }

    @Test
    void onlyPacketsSentWhileMeasuringCount() {
        long warmup = tracker.send(1);
        tracker.measuring(true);
        long measured = tracker.send(2);
        tracker.measuring(false);
        long after = tracker.send(3);

        tracker.receive(warmup);
        tracker.receive(measured);
        tracker.expire(10);

        assertThat(tracker.measuredSent()).isEqualTo(1);
        assertThat(tracker.measuredReceived()).isEqualTo(1);
        assertThat(tracker.measuredLost()).isZero();
        assertThat(tracker.wasMeasured(measured)).isTrue();
        assertThat(tracker.wasMeasured(after)).isFalse();
    }

    @Test
    void measuredOutstandingCountsWhatIsNeitherBackNorLost() {
        tracker.measuring(true);
        tracker.send(1);
        long back = tracker.send(2);
        tracker.receive(back);

        assertThat(tracker.measuredOutstanding()).isEqualTo(1);
        tracker.expire(100);
        assertThat(tracker.measuredOutstanding()).isZero();
    }

    @Test
    void reusingARingSlotDeclaresItsOutstandingPacketLost() {
        tracker.measuring(true);
        for (int i = 0; i < 9; i++) {
            tracker.send(i);
        }

        assertThat(tracker.measuredLost()).isEqualTo(1);
        assertThat(tracker.inFlight()).isEqualTo(8);
        assertThat(tracker.receive(0)).isEqualTo(SequenceTracker.LATE);
        assertThat(tracker.receive(8)).isEqualTo(8);
    }

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        SequenceTracker small = new SequenceTracker(5);
        for (int i = 0; i < 8; i++) {
            small.send(i);
        }

        assertThat(small.inFlight()).isEqualTo(8);
        assertThat(small.receive(0)).isZero();
    }
}
