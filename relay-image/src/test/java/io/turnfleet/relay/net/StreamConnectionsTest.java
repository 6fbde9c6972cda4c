package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** Open TCP/TLS connections: the per-source cap (--max-connections-per-ip) and the counts by transport. */
class StreamConnectionsTest {

    @Test
    void aSourceAtTheCapIsRefusedAndNothingIsCounted() {
        StreamConnections connections = new StreamConnections(3);

        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", 1000))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", 1001))).isTrue();
        assertThat(connections.tryOpen(Transport.TLS, address("192.0.2.1", 1002))).isTrue();

        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", 1003))).isFalse();
        assertThat(connections.tryOpen(Transport.TLS, address("192.0.2.1", 1004))).isFalse();
        assertThat(connections.open(Transport.TCP)).isEqualTo(2);
        assertThat(connections.open(Transport.TLS)).isEqualTo(1);
    }

    @Test
    void theCapCountsEachSourceAddressOnItsOwn() {
        StreamConnections connections = new StreamConnections(1);

        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", 1000))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.2", 1000))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", 2000))).isFalse();
    }

    @Test
    void closingAConnectionFreesItsPlaceUnderTheCap() {
        StreamConnections connections = new StreamConnections(2);
        InetSocketAddress first = address("198.51.100.7", 40000);
        connections.tryOpen(Transport.TCP, first);
        connections.tryOpen(Transport.TCP, address("198.51.100.7", 40001));

        connections.closed(Transport.TCP, first);

        assertThat(connections.open(Transport.TCP)).isEqualTo(1);
        assertThat(connections.tryOpen(Transport.TCP, address("198.51.100.7", 40002))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("198.51.100.7", 40003))).isFalse();
    }

    @Test
    void ipv6SourcesInOneSlash64ShareTheCap() {
        StreamConnections connections = new StreamConnections(2);

        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:1:2::1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TLS, address("2001:db8:1:2:ffff:ffff:ffff:ffff", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:1:2:abcd::9", 1))).isFalse();
    }

    @Test
    void ipv6SourcesInOtherSlash64sHaveCapsOfTheirOwn() {
        StreamConnections connections = new StreamConnections(1);

        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:1:2::1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:1:3::1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:2:2::1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("2001:db8:1:2::2", 1))).isFalse();
    }

    @Test
    void anIpv4SourceAndAnIpv6SourceNeverShareACap() {
        StreamConnections connections = new StreamConnections(1);

        assertThat(connections.tryOpen(Transport.TCP, address("0.0.0.1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("::1", 1))).isTrue();
        assertThat(connections.tryOpen(Transport.TCP, address("::ffff:0.0.0.2", 1)))
                .as("an IPv4-mapped literal is the IPv4 address 0.0.0.2").isTrue();
    }

    @Test
    void zeroMeansNoCap() {
        StreamConnections connections = new StreamConnections(0);

        for (int port = 1; port <= 1000; port++) {
            assertThat(connections.tryOpen(Transport.TCP, address("192.0.2.1", port))).isTrue();
        }
        assertThat(connections.open(Transport.TCP)).isEqualTo(1000);
    }

    @Test
    void connectionsAreCountedByTransportAndUdpHasNone() {
        StreamConnections connections = new StreamConnections(0);
        connections.tryOpen(Transport.TCP, address("192.0.2.1", 1));
        connections.tryOpen(Transport.TCP, address("192.0.2.2", 1));
        connections.tryOpen(Transport.TLS, address("192.0.2.3", 1));

        assertThat(connections.open(Transport.TCP)).isEqualTo(2);
        assertThat(connections.open(Transport.TLS)).isEqualTo(1);
        assertThat(connections.open(Transport.UDP)).isZero();

        connections.closed(Transport.TLS, address("192.0.2.3", 1));
        connections.closed(Transport.TCP, address("192.0.2.1", 1));

        assertThat(connections.open(Transport.TCP)).isEqualTo(1);
        assertThat(connections.open(Transport.TLS)).isZero();
    }

    private static InetSocketAddress address(String literal, int port) {
        return new InetSocketAddress(literal, port);
    }
}
