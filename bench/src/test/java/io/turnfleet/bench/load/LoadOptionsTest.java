package io.turnfleet.bench.load;

import io.turnfleet.bench.traffic.PeerMode;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadOptionsTest {
    @Test
    void defaultsDescribeAHundredAllocationsFlatOutForTenSeconds() throws OptionException {
        LoadOptions options = LoadOptions.parse(new String[] {"--user", "bench:secret"});

        assertThat(options.server()).isEqualTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478));
        assertThat(options.mode()).isEqualTo(Mode.TRAFFIC);
        assertThat(options.allocations()).isEqualTo(100);
        assertThat(options.concurrency()).isEqualTo(64);
        assertThat(options.rate()).isZero();
        assertThat(options.payloadSize()).isEqualTo(100);
        assertThat(options.durationNanos()).isEqualTo(10_000_000_000L);
        assertThat(options.warmupNanos()).isEqualTo(2_000_000_000L);
    }

    @Test
    void idleAndAllocateModesHaveNoWarmUpByDefault() throws OptionException {
        LoadOptions options = LoadOptions.parse(new String[] {"--user=bench:secret", "--mode=idle", "--duration=30s"});

        assertThat(options.mode()).isEqualTo(Mode.IDLE);
        assertThat(options.warmupNanos()).isZero();
        assertThat(options.durationNanos()).isEqualTo(30_000_000_000L);
    }

    @Test
    void everyOptionIsParsed() throws OptionException {
        LoadOptions options = LoadOptions.parse(new String[] {"--server", "[::1]:3479", "--mode", "allocate",
                "--allocations", "5000", "--concurrency", "32", "--rate", "50", "--window", "4", "--size", "200",
                "--duration", "250ms", "--warmup", "1m", "--loss-timeout", "2", "--auth-secret-file", "/s",
                "--rest-user", "alice", "--rest-ttl", "1h", "--peer-bind", "127.0.0.2:6000",
                "--peer-advertise", "10.0.0.1", "--local-ip", "127.0.0.1", "--local-ports", "20000-29999",
                "--server-pid", "77", "--clock-ticks", "250", "--ready-file", "/r", "--json-out", "/j",
                "--label", "coturn", "--scenario", "S4", "--warmup-allocations", "500", "--peer", "pair"});

        assertThat(options.server().getPort()).isEqualTo(3479);
        assertThat(options.mode()).isEqualTo(Mode.ALLOCATE);
        assertThat(options.allocations()).isEqualTo(5000);
        assertThat(options.concurrency()).isEqualTo(32);
        assertThat(options.rate()).isEqualTo(50);
        assertThat(options.window()).isEqualTo(4);
        assertThat(options.payloadSize()).isEqualTo(200);
        assertThat(options.durationNanos()).isEqualTo(250_000_000L);
        assertThat(options.warmupNanos()).isEqualTo(60_000_000_000L);
        assertThat(options.lossTimeoutNanos()).isEqualTo(2_000_000_000L);
        assertThat(options.restUser()).isEqualTo("alice");
        assertThat(options.restTtlSeconds()).isEqualTo(3600);
        assertThat(options.advertisedPeer(6000).getAddress().getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(options.localPortMin()).isEqualTo(20000);
        assertThat(options.localPortMax()).isEqualTo(29999);
        assertThat(options.serverPid()).isEqualTo(77);
        assertThat(options.clockTicksPerSecond()).isEqualTo(250);
        assertThat(options.label()).isEqualTo("coturn");
        assertThat(options.scenario()).isEqualTo("S4");
        assertThat(options.warmupAllocations()).isEqualTo(500);
        assertThat(options.peerMode()).isEqualTo(PeerMode.PAIR);
    }

    @Test
    void badValueIsNamedWithWhatWasExpected() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--rate", "fast"}))
                .hasMessage("--rate 'fast': expected an integer from 0 to 1000000");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--duration", "10 parsecs"}))
                .hasMessage("--duration '10 parsecs': expected a duration such as 250ms, 10s, 5m or 1h");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--mode", "chaos"}))
                .hasMessage("--mode 'chaos': expected traffic, idle or allocate");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--server", "localhost"}))
                .hasMessage("--server 'localhost': expected HOST:PORT (IPv6 as [ADDRESS]:PORT)");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--size", "10"}))
                .hasMessage("--size '10': expected an integer from 20 to 1400");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--local-ports", "3000-2000"}))
                .hasMessage("--local-ports '3000-2000': MIN must not exceed MAX (expected MIN-MAX within 1-65535)");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--peer", "ring"}))
                .hasMessage("--peer 'ring': expected echo or pair");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--peer", "pair", "--allocations", "5"}))
                .hasMessage("--peer pair: expected an even --allocations (got 5)");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--peer-advertise", "example.com"}))
                .hasMessage("--peer-advertise 'example.com': expected an IPv4 or IPv6 address");
    }

    @Test
    void exactlyOneKindOfCredentialIsRequired() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {}))
                .hasMessage("--user / --auth-secret-file: expected exactly one of them");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--auth-secret-file", "/s"}))
                .hasMessage("--user / --auth-secret-file: expected exactly one of them");
    }

    @Test
    void badUserValueIsNotEchoedBecauseItMayBeAPassword() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "hunter2"}))
                .hasMessage("--user: expected NAME:PASSWORD with a non-empty name");
    }

    @Test
    void toStringHidesThePassword() throws OptionException {
        assertThat(LoadOptions.parse(new String[] {"--user", "bench:hunter2"}).toString()).doesNotContain("hunter2");
    }

    @Test
    void runsLongerThanPermissionsLastAreRefused() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--duration", "5m"}))
                .hasMessageContaining("--duration: at most 240s");
    }

    @Test
    void localPortRangeMustHoldEveryAllocation() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--allocations", "10",
                "--local-ports", "20000-20004"}))
                .hasMessage("--local-ports '20000-20004': the range holds 5 ports (expected at least --allocations 10)");
    }

    @Test
    void localPortRangeMustAlsoHoldTheWarmUpAllocations() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--allocations", "10",
                "--warmup-allocations", "5", "--local-ports", "20000-20009"}))
                .hasMessage("--local-ports '20000-20009': the range holds 10 ports "
                        + "(expected at least --allocations plus --warmup-allocations 15)");
    }

    @Test
    void unknownOptionAndMissingValueAreReported() {
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user", "a:b", "--turbo", "1"}))
                .hasMessage("--turbo: unknown option (see --help)");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"--user"}))
                .hasMessage("--user: expected a value after it");
        assertThatThrownBy(() -> LoadOptions.parse(new String[] {"user"}))
                .hasMessage("'user': expected an option starting with --");
    }
}
