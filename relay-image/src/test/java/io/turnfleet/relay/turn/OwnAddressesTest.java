package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OwnAddressesTest {
    private static final int MIN = 49_152;
    private static final int MAX = 65_535;

    private static InetAddress ip(String literal) {
        return IpLiteral.toInetAddress(literal);
    }

    private static OwnAddresses own(List<String> named, List<String> others, boolean loopbackPeersAllowed) {
        return OwnAddresses.of(named.stream().map(OwnAddressesTest::ip).toList(),
                others.stream().map(OwnAddressesTest::ip).toList(), loopbackPeersAllowed, MIN, MAX);
    }

    @Test
    void anOwnAddressIsAPeerOnlyInsideTheRelayPortRange() {
        OwnAddresses own = own(List.of("203.0.113.5"), List.of(), false);

        assertThat(own.permits(ip("203.0.113.5"), MIN)).isTrue();
        assertThat(own.permits(ip("203.0.113.5"), MAX)).isTrue();
        assertThat(own.permits(ip("203.0.113.5"), MIN - 1)).as("just below the range").isFalse();
        assertThat(own.permits(ip("203.0.113.5"), 10_250)).as("the kubelet").isFalse();
        assertThat(own.permits(ip("203.0.113.5"), 22)).isFalse();
    }

    @Test
    void anyPortOfAnotherAddressIsPermitted() {
        OwnAddresses own = own(List.of("203.0.113.5", "2001:db8::5"), List.of("10.0.0.5"), false);

        assertThat(own.permits(ip("203.0.113.6"), 22)).isTrue();
        assertThat(own.permits(ip("2001:db8::6"), 22)).isTrue();
        assertThat(own.permits(ip("8.8.8.8"), 53)).isTrue();
    }

    @Test
    void ipv6OwnAddressesAreMatchedByValue() {
        OwnAddresses own = own(List.of("2001:db8::5"), List.of("fd00::7"), false);

        assertThat(own.permits(ip("2001:db8:0:0:0:0:0:5"), 10_250)).isFalse();
        assertThat(own.permits(ip("fd00::7"), 10_250)).isFalse();
        assertThat(own.permits(ip("fd00::7"), MIN)).isTrue();
    }

    @Test
    void anIpv4MappedPeerIsTheIpv4OwnAddress() {
        OwnAddresses own = own(List.of("203.0.113.5"), List.of(), false);

        // InetAddress turns ::ffff:a.b.c.d into an Inet4Address, as the STUN parser does for peers.
        assertThat(own.permits(ip("::ffff:203.0.113.5"), 10_250)).isFalse();
    }

    @Test
    void foundLoopbackAddressesAreNotOwnWhenLoopbackPeersAreAllowed() {
        OwnAddresses own = own(List.of(), List.of("127.0.0.1", "::1", "10.0.0.5"), true);

        assertThat(own.permits(ip("127.0.0.1"), 4000)).isTrue();
        assertThat(own.permits(ip("::1"), 4000)).isTrue();
        assertThat(own.permits(ip("10.0.0.5"), 4000)).as("not loopback: still own").isFalse();
    }

    @Test
    void foundLoopbackAddressesAreOwnWhenLoopbackPeersAreNotAllowed() {
        OwnAddresses own = own(List.of(), List.of("127.0.0.1"), false);

        assertThat(own.permits(ip("127.0.0.1"), 4000)).isFalse();
    }

    @Test
    void aNamedLoopbackAddressIsOwnEvenWhenLoopbackPeersAreAllowed() {
        OwnAddresses own = own(List.of("127.0.0.5", "::1"), List.of("127.0.0.1"), true);

        assertThat(own.permits(ip("127.0.0.5"), 24_998)).isFalse();
        assertThat(own.permits(ip("::1"), 24_998)).isFalse();
        assertThat(own.permits(ip("127.0.0.5"), MIN)).isTrue();
        assertThat(own.permits(ip("127.0.0.1"), 24_998)).as("found, not named").isTrue();
    }

    @Test
    void wildcardAddressesAreNotListedThemselves() {
        OwnAddresses own = own(List.of(), List.of("0.0.0.0", "::"), false);

        assertThat(own.size()).isZero();
    }

    @Test
    void noneOwnsNothing() {
        assertThat(OwnAddresses.none().permits(ip("203.0.113.5"), 22)).isTrue();
    }
}
