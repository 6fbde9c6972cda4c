package io.turnfleet.bench.load;

import io.turnfleet.bench.report.RunReport;
import io.turnfleet.bench.report.RunVerdict;
import io.turnfleet.bench.traffic.TrafficResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator against a real TURN server: coturn on loopback. */
class LoadRunCoturnIT {
    @TempDir
    Path dir;

    private static LoadOptions options(Coturn coturn, String... more) throws OptionException {
        String[] base = {"--server", "127.0.0.1:" + coturn.address.getPort(), "--allocations", "20",
                "--duration", "1s", "--warmup", "250ms"};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return LoadOptions.parse(args);
    }

    @Test
    void flatOutTrafficThroughCoturnComesBackIntactAndAllocationsAreDeleted() throws Exception {
        try (Coturn coturn = Coturn.start("--lt-cred-mech", "--user=bench:secret")) {
            long pid = coturn.process.pid();
            RunReport report = new LoadRun(options(coturn, "--user", "bench:secret", "--window", "4",
                    "--server-pid", Long.toString(pid))).run();

            assertThat(RunVerdict.of(report).reason()).isEmpty();
            assertThat(report.established()).isEqualTo(20);
            assertThat(report.refreshZero().succeeded()).isEqualTo(20);
            TrafficResult traffic = report.traffic();
            assertThat(traffic.sent()).isPositive();
            assertThat(traffic.received()).isPositive();
            assertThat(traffic.received() + traffic.lost()).isEqualTo(traffic.sent());
            assertThat(traffic.integrityErrors()).isZero();
            assertThat(traffic.relayedPackets()).isGreaterThan(traffic.windowRoundTrips());
            assertThat(traffic.roundTrip().count()).isEqualTo(traffic.received());
            assertThat(report.serverCpu().pid()).isEqualTo(pid);
        }
    }

    @Test
    void fixedRateTrafficWithRestCredentialsSendsTheScheduledPackets() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "north-secret\n");
        try (Coturn coturn = Coturn.start("--use-auth-secret", "--static-auth-secret=north-secret")) {
            RunReport report = new LoadRun(options(coturn, "--auth-secret-file", secret.toString(),
                    "--rest-user", "alice", "--rate", "10")).run();

            assertThat(RunVerdict.of(report).reason()).isEmpty();
            // 20 allocations x 10/s over a 1 s window, give or take the packets due at its edges
            assertThat(report.traffic().sent()).isBetween(180L, 220L);
        }
    }

    @Test
    void pairedAllocationsRelayThroughEachOthersRelayedAddresses() throws Exception {
        try (Coturn coturn = Coturn.start("--lt-cred-mech", "--user=bench:secret")) {
            RunReport report = new LoadRun(options(coturn, "--user", "bench:secret", "--peer", "pair")).run();

            assertThat(RunVerdict.of(report).reason()).isEmpty();
            assertThat(report.established()).isEqualTo(20);
            TrafficResult traffic = report.traffic();
            assertThat(traffic.received()).isPositive();
            assertThat(traffic.integrityErrors()).isZero();
            assertThat(traffic.peerStray()).isZero();
            // each round trip passes the relay four times (give or take the round trips cut by the window's edges)
            assertThat((double) traffic.relayedPackets())
                    .isCloseTo(4.0 * traffic.windowRoundTrips(), org.assertj.core.data.Percentage.withPercentage(5));
        }
    }

    @Test
    void idleModeHoldsTheAllocationsAndWritesTheReadyFile() throws Exception {
        Path ready = dir.resolve("ready");
        try (Coturn coturn = Coturn.start("--lt-cred-mech", "--user=bench:secret")) {
            RunReport report = new LoadRun(options(coturn, "--user", "bench:secret", "--mode", "idle",
                    "--ready-file", ready.toString())).run();

            assertThat(Files.readString(ready)).isEqualTo("20\n");
            assertThat(report.traffic()).isNull();
            assertThat(report.channelBind().succeeded()).isEqualTo(20);
            assertThat(report.refreshZero().succeeded()).isEqualTo(20);
        }
    }

    @Test
    void wrongPasswordFailsEveryAllocateWithTheServersReason() throws Exception {
        try (Coturn coturn = Coturn.start("--lt-cred-mech", "--user=bench:secret")) {
            RunReport report = new LoadRun(options(coturn, "--user", "bench:wrong", "--mode", "allocate",
                    "--allocations", "3")).run();

            assertThat(report.allocate().failed()).isEqualTo(3);
            assertThat(report.allocate().failures().keySet()).singleElement().asString().startsWith("Allocate: 401");
            assertThat(RunVerdict.of(report).passed()).isFalse();
        }
    }
}
