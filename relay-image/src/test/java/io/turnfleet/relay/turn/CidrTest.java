package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CidrTest {

    @Test
    void ipv4RangeContainsItsAddressesOnly() {
        Cidr cidr = Cidr.parse("10.0.0.0/8");
        assertThat(cidr.isIpv6()).isFalse();
        assertThat(cidr.prefixLength()).isEqualTo(8);
        assertThat(cidr.contains(IpLiteral.parse("10.0.0.0"))).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("10.255.255.255"))).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("11.0.0.0"))).isFalse();
        assertThat(cidr.contains(IpLiteral.parse("9.255.255.255"))).isFalse();
    }

    @Test
    void oddPrefixLengthsSplitInsideAByte() {
        Cidr cidr = Cidr.parse("172.16.0.0/12");
        assertThat(cidr.contains(IpLiteral.parse("172.31.255.255"))).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("172.32.0.0"))).isFalse();
        assertThat(cidr.contains(IpLiteral.parse("172.15.255.255"))).isFalse();
    }

    @Test
    void ipv6RangeContainsItsAddressesOnly() {
        Cidr cidr = Cidr.parse("2001:db8::/32");
        assertThat(cidr.isIpv6()).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("2001:db8:ffff::1"))).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("2001:db9::"))).isFalse();
    }

    @Test
    void ipv6PrefixLongerThan64BitsTestsTheLowHalf() {
        Cidr cidr = Cidr.parse("2001:db8::ff00:0/104");
        assertThat(cidr.contains(IpLiteral.parse("2001:db8::ffab:cdef"))).isTrue();
        assertThat(cidr.contains(IpLiteral.parse("2001:db8::fe00:0"))).isFalse();
        assertThat(cidr.contains(IpLiteral.parse("2001:db8:0:1::ff00:0"))).isFalse();
    }

    @Test
    void plainAddressIsAHostRange() {
        assertThat(Cidr.parse("192.0.2.7")).isEqualTo(Cidr.parse("192.0.2.7/32"));
        assertThat(Cidr.parse("2001:db8::7").prefixLength()).isEqualTo(128);
        assertThat(Cidr.parse("192.0.2.7").contains(IpLiteral.parse("192.0.2.8"))).isFalse();
    }

    @Test
    void zeroPrefixContainsTheWholeFamilyButNotTheOther() {
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpLiteral.parse("255.255.255.255"))).isTrue();
        assertThat(Cidr.parse("0.0.0.0/0").contains(IpLiteral.parse("::1"))).isFalse();
        assertThat(Cidr.parse("::/0").contains(IpLiteral.parse("ffff::1"))).isTrue();
        assertThat(Cidr.parse("::/0").contains(IpLiteral.parse("1.2.3.4"))).isFalse();
    }

    @Test
    void primitiveAndInetAddressMembershipAgree() throws Exception {
        Cidr cidr = Cidr.parse("192.168.0.0/16");
        assertThat(cidr.containsIpv4(0xc0a8_0101)).isTrue();
        assertThat(cidr.containsIpv4(0xc0a9_0101)).isFalse();
        assertThat(cidr.contains(InetAddress.getByAddress(IpLiteral.parse("192.168.1.1")))).isTrue();
        Cidr v6 = Cidr.parse("fc00::/7");
        assertThat(v6.containsIpv6(0xfd00_0000_0000_0000L, 1)).isTrue();
        assertThat(v6.containsIpv6(0xfe00_0000_0000_0000L, 1)).isFalse();
        assertThat(v6.containsIpv4(0)).isFalse();
    }

    @Test
    void hostBitsSetIsAnErrorNamingValueAndNetwork() {
        assertThatThrownBy(() -> Cidr.parse("10.0.0.1/8"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'10.0.0.1/8': host bits must be zero (expected the network address 10.0.0.0/8)");
        assertThatThrownBy(() -> Cidr.parse("2001:db8::1/32"))
                .hasMessage("'2001:db8::1/32': host bits must be zero (expected the network address 2001:db8::/32)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "10.0.0.0/8a", "10.0.0.0/0008", "::/129"})
    void prefixOutsideTheFamilyIsAnErrorNamingTheValue(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "': prefix length must be within 0-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/8", "ten/8", "10.0.0/8", "example.org/24", "10.0.0.0/8/8"})
    void nonAddressIsAnErrorNamingTheValue(String text) {
        assertThatThrownBy(() -> Cidr.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'" + text + "': ");
    }

    @Test
    void toStringIsCanonical() {
        assertThat(Cidr.parse("2001:DB8:0:0::/32")).hasToString("2001:db8::/32");
        assertThat(Cidr.parse("10.0.0.0/8")).hasToString("10.0.0.0/8");
        assertThat(Cidr.ipv4(0x0a00_0000, 8)).isEqualTo(Cidr.parse("10.0.0.0/8"));
    }
}
