package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoadMeterTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5_000 * SECOND;

    private final FakeRelayStatus status = new FakeRelayStatus();
    private final RelayMetrics metrics = new RelayMetrics();
    private long now = START;
    private final LoadMeter meter = new LoadMeter(status, metrics, () -> now, START - 42 * SECOND, Duration.ofSeconds(10));

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void ratesAreZeroBeforeAnyTimeHasPassed() {
        metrics.relayed(Direction.CLIENT_TO_PEER, 1000);

        LoadReport report = meter.report();

        assertThat(report.bytesPerSecond()).isEqualTo(new LoadReport.PerDirection(0, 0));
        assertThat(report.packetsPerSecond()).isEqualTo(new LoadReport.PerDirection(0, 0));
    }

    @Test
    void steadyTrafficGivesItsRatePerDirection() {
        for (int s = 0; s < 10; s++) {
            relay(Direction.CLIENT_TO_PEER, 12, 100);
            relay(Direction.PEER_TO_CLIENT, 11, 100);
            tick();
        }

        LoadReport report = meter.report();

        assertThat(report.bytesPerSecond()).isEqualTo(new LoadReport.PerDirection(1200.0, 1100.0));
        assertThat(report.packetsPerSecond()).isEqualTo(new LoadReport.PerDirection(12.0, 11.0));
    }

    @Test
    void rateCountsTrafficSinceTheLastSampleToo() {
        now += 2 * SECOND;
        relay(Direction.PEER_TO_CLIENT, 4, 500);

        assertThat(meter.report().bytesPerSecond().peerToClient()).isEqualTo(1000.0);
        assertThat(meter.report().packetsPerSecond().peerToClient()).isEqualTo(2.0);
    }

    @Test
    void aBurstOlderThanTheWindowIsForgotten() {
        relay(Direction.CLIENT_TO_PEER, 1000, 1000);
        tick();
        for (int s = 0; s < 20; s++) {
            relay(Direction.CLIENT_TO_PEER, 1, 100);
            tick();
        }

        LoadReport report = meter.report();

        assertThat(report.bytesPerSecond().clientToPeer()).isEqualTo(100.0);
        assertThat(report.packetsPerSecond().clientToPeer()).isEqualTo(1.0);
    }

    @Test
    void aBurstInsideTheWindowIsAveragedOverIt() {
        for (int s = 0; s < 15; s++) {
            tick();
        }
        relay(Direction.CLIENT_TO_PEER, 100, 1000);
        tick();

        assertThat(meter.report().bytesPerSecond().clientToPeer()).isEqualTo(10_000.0);
    }

    @Test
    void statusIsCopiedIntoTheReport() {
        status.allocations = 12;
        status.permissions = 20;
        status.channels = 18;
        status.capacity = 100;
        status.udp = 1;
        status.tcp = 3;
        status.tls = 2;

        LoadReport report = meter.report();

        assertThat(report.allocations()).isEqualTo(12);
        assertThat(report.permissions()).isEqualTo(20);
        assertThat(report.channels()).isEqualTo(18);
        assertThat(report.capacity()).isEqualTo(100);
        assertThat(report.connections()).isEqualTo(new LoadReport.Connections(1, 3, 2));
        assertThat(report.draining()).isFalse();
        assertThat(report.ready()).isTrue();
    }

    @Test
    void drainingRelayIsNotReady() {
        status.draining = true;

        LoadReport report = meter.report();

        assertThat(report.draining()).isTrue();
        assertThat(report.ready()).isFalse();
    }

    @Test
    void uptimeCountsWholeSecondsSinceProcessStart() {
        assertThat(meter.report().uptimeSeconds()).isEqualTo(42);
        now += 3 * SECOND + SECOND / 2;
        assertThat(meter.report().uptimeSeconds()).isEqualTo(45);
    }

    @Test
    void windowMustBePositive() {
        assertThatThrownBy(() -> new LoadMeter(status, metrics, () -> now, START, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("load window PT0S must be positive");
    }

    @Test
    void systemClockMeterReportsUptimeSinceJvmStart() {
        LoadMeter systemMeter = LoadMeter.onSystemClock(status, metrics);
        long jvmUptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        assertThat(systemMeter.report().uptimeSeconds()).isBetween(jvmUptimeSeconds - 1, jvmUptimeSeconds + 1);
    }

    private void relay(Direction direction, int packets, int bytesEach) {
        for (int i = 0; i < packets; i++) {
            metrics.relayed(direction, bytesEach);
        }
    }

    private void tick() {
        now += SECOND;
        meter.sample();
    }
}
