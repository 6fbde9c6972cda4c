package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.config.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Admission of TCP/TLS connections per source address: the cap on connections that have not
 * authenticated (--max-unauthenticated-connections-per-ip), the rate of new connections
 * (--connection-rate-per-ip, --connection-burst-per-ip) on a test clock, and the counts by transport.
 */
class StreamConnectionsTest {
    private static final long SECOND = 1_000_000_000L;

    private final RelayMetrics metrics = new RelayMetrics();
    private final AtomicLong clock = new AtomicLong(7 * SECOND);

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void aSourceAtTheUnauthenticatedCapIsRefusedAndNothingIsCounted() {
        StreamConnections connections = new StreamConnections(3, null, metrics);

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 1000))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 1001))).isNotNull();
        assertThat(connections.open(Transport.TLS, address("192.0.2.1", 1002))).isNotNull();

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 1003))).isNull();
        assertThat(connections.open(Transport.TLS, address("192.0.2.1", 1004))).isNull();
        assertThat(connections.open(Transport.TCP)).isEqualTo(2);
        assertThat(connections.open(Transport.TLS)).isEqualTo(1);
        assertThat(refused("unauthenticated")).isEqualTo(2);
    }

    @Test
    void authenticatedConnectionsLeaveTheCapSoOneAddressHoldsHundreds() {
        StreamConnections connections = new StreamConnections(3, null, metrics);

        for (int port = 1; port <= 500; port++) {
            StreamConnections.OpenConnection connection = connections.open(Transport.TCP, address("192.0.2.1", port));
            assertThat(connection).as("connection %d", port).isNotNull();
            connection.authenticated();
        }

        assertThat(connections.open(Transport.TCP)).isEqualTo(500);
        assertThat(refused("unauthenticated")).isZero();
    }

    @Test
    void authenticatingTwiceFreesOnePlaceOnly() {
        StreamConnections connections = new StreamConnections(2, null, metrics);
        StreamConnections.OpenConnection first = connections.open(Transport.TCP, address("192.0.2.1", 1));
        connections.open(Transport.TCP, address("192.0.2.1", 2));

        first.authenticated();
        first.authenticated();

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 3))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 4))).isNull();
    }

    @Test
    void closingAnUnauthenticatedConnectionFreesItsPlaceUnderTheCap() {
        StreamConnections connections = new StreamConnections(2, null, metrics);
        StreamConnections.OpenConnection first = connections.open(Transport.TCP, address("198.51.100.7", 40000));
        connections.open(Transport.TCP, address("198.51.100.7", 40001));

        first.closed();
        first.closed();

        assertThat(connections.open(Transport.TCP)).isEqualTo(1);
        assertThat(connections.open(Transport.TCP, address("198.51.100.7", 40002))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("198.51.100.7", 40003))).isNull();
    }

    @Test
    void closingAnAuthenticatedConnectionLeavesTheUnauthenticatedCountAlone() {
        StreamConnections connections = new StreamConnections(1, null, metrics);
        StreamConnections.OpenConnection authenticated = connections.open(Transport.TCP, address("192.0.2.1", 1));
        authenticated.authenticated();
        connections.open(Transport.TCP, address("192.0.2.1", 2));

        authenticated.closed();

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 3))).isNull();
        assertThat(connections.open(Transport.TCP)).isEqualTo(1);
    }

    @Test
    void theCapCountsEachSourceAddressOnItsOwn() {
        StreamConnections connections = new StreamConnections(1, null, metrics);

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 1000))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("192.0.2.2", 1000))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 2000))).isNull();
    }

    @Test
    void ipv6SourcesInOneSlash64ShareTheCap() {
        StreamConnections connections = new StreamConnections(2, null, metrics);

        assertThat(connections.open(Transport.TCP, address("2001:db8:1:2::1", 1))).isNotNull();
        assertThat(connections.open(Transport.TLS, address("2001:db8:1:2:ffff:ffff:ffff:ffff", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("2001:db8:1:2:abcd::9", 1))).isNull();
    }

    @Test
    void ipv6SourcesInOtherSlash64sHaveCapsOfTheirOwn() {
        StreamConnections connections = new StreamConnections(1, null, metrics);

        assertThat(connections.open(Transport.TCP, address("2001:db8:1:2::1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("2001:db8:1:3::1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("2001:db8:2:2::1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("2001:db8:1:2::2", 1))).isNull();
    }

    @Test
    void anIpv4SourceAndAnIpv6SourceNeverShareACap() {
        StreamConnections connections = new StreamConnections(1, null, metrics);

        assertThat(connections.open(Transport.TCP, address("0.0.0.1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("::1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("::ffff:0.0.0.2", 1)))
                .as("an IPv4-mapped literal is the IPv4 address 0.0.0.2").isNotNull();
    }

    @Test
    void zeroMeansNoCap() {
        StreamConnections connections = new StreamConnections(0, null, metrics);

        for (int port = 1; port <= 1000; port++) {
            assertThat(connections.open(Transport.TCP, address("192.0.2.1", port))).isNotNull();
        }
        assertThat(connections.open(Transport.TCP)).isEqualTo(1000);
    }

    @Test
    void aQuietSourceMayOpenTheBurstAtOnceThenTheRate() {
        StreamConnections connections = new StreamConnections(0, rate(10, 50), metrics);

        assertThat(opened(connections, "192.0.2.1", 80)).isEqualTo(50);
        assertThat(refused("rate")).isEqualTo(30);

        clock.addAndGet(SECOND);
        assertThat(opened(connections, "192.0.2.1", 80)).as("one second later").isEqualTo(10);
        assertThat(opened(connections, "192.0.2.2", 80)).as("another source").isEqualTo(50);
    }

    @Test
    void aSourceThatPausesGetsItsWholeBurstBack() {
        StreamConnections connections = new StreamConnections(0, rate(10, 50), metrics);
        opened(connections, "192.0.2.1", 50);

        clock.addAndGet(5 * SECOND);

        assertThat(opened(connections, "192.0.2.1", 80)).isEqualTo(50);
    }

    @Test
    void aConnectionRefusedForItsRateTakesNoPlaceUnderTheCap() {
        StreamConnections connections = new StreamConnections(2, rate(1, 1), metrics);

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 1))).isNotNull();
        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 2))).isNull();
        clock.addAndGet(SECOND);

        assertThat(connections.open(Transport.TCP, address("192.0.2.1", 3))).isNotNull();
        assertThat(connections.open(Transport.TCP)).isEqualTo(2);
        assertThat(refused("rate")).isEqualTo(1);
        assertThat(refused("unauthenticated")).isZero();
    }

    /** The defaults: a NAT of hundreds of users connecting at once, and a source that floods. */
    @Test
    void withTheDefaultsFiveHundredUsersBehindOneAddressConnectAtOnceButAnIdleFloodIsCapped() {
        RelayConfig defaults = RelayConfig.defaults();
        StreamConnections connections = new StreamConnections(defaults.maxUnauthenticatedConnectionsPerIp(),
                rate(defaults.connectionRatePerIp(), defaults.connectionBurstPerIp()), metrics);

        List<StreamConnections.OpenConnection> users = new ArrayList<>();
        for (int port = 1; port <= 500; port++) {
            StreamConnections.OpenConnection user = connections.open(Transport.TCP, address("203.0.113.9", port));
            assertThat(user).as("user %d", port).isNotNull();
            users.add(user);
            if (users.size() > 100) {
                users.get(users.size() - 101).authenticated();
            }
        }
        assertThat(connections.open(Transport.TCP)).isEqualTo(500);

        int idle = opened(connections, "198.51.100.66", 10_000);
        assertThat(idle).isEqualTo(defaults.maxUnauthenticatedConnectionsPerIp());
    }

    @Test
    void connectionsAreCountedByTransportAndUdpHasNone() {
        StreamConnections connections = new StreamConnections(0, null, metrics);
        StreamConnections.OpenConnection tcp = connections.open(Transport.TCP, address("192.0.2.1", 1));
        connections.open(Transport.TCP, address("192.0.2.2", 1));
        StreamConnections.OpenConnection tls = connections.open(Transport.TLS, address("192.0.2.3", 1));

        assertThat(connections.open(Transport.TCP)).isEqualTo(2);
        assertThat(connections.open(Transport.TLS)).isEqualTo(1);
        assertThat(connections.open(Transport.UDP)).isZero();

        tls.closed();
        tcp.closed();

        assertThat(connections.open(Transport.TCP)).isEqualTo(1);
        assertThat(connections.open(Transport.TLS)).isZero();
    }

    private SourceRateLimit rate(int perSecond, int burst) {
        return new SourceRateLimit(perSecond, burst, SourceRateLimit.DEFAULT_CAPACITY, clock::get);
    }

    private static int opened(StreamConnections connections, String source, int attempts) {
        int opened = 0;
        for (int port = 1; port <= attempts; port++) {
            opened += connections.open(Transport.TCP, address(source, port)) == null ? 0 : 1;
        }
        return opened;
    }

    private double refused(String reason) {
        return metrics.registry().get("turnfleet.connections.refused").tag("reason", reason).counter().count();
    }

    private static InetSocketAddress address(String literal, int port) {
        return new InetSocketAddress(literal, port);
    }
}
