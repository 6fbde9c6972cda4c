package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.Inet4Address;
import java.net.Inet6Address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpLiteralTest {

    @Test
    void dottedQuadParsesToFourBytes() {
        assertThat(IpLiteral.parse("192.0.2.255")).containsExactly(192, 0, 2, 255);
        assertThat(IpLiteral.parse("0.0.0.0")).containsExactly(0, 0, 0, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4.",
            " 1.2.3.4", "1.2.3.4 ", "+1.2.3.4", "1.2.3.-4", "localhost", "example.org", "0x7f.0.0.1", "1234.1.1.1"})
    void malformedIpv4IsRejected(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @Test
    void ipv6TextFormsOfRfc4291Parse() {
        assertThat(IpLiteral.parse("::")).isEqualTo(new byte[16]);
        assertThat(IpLiteral.format(IpLiteral.parse("::1"))).isEqualTo("::1");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:DB8:0:0:8:800:200C:417A"))).isEqualTo("2001:db8::8:800:200c:417a");
        assertThat(IpLiteral.format(IpLiteral.parse("2001:db8::"))).isEqualTo("2001:db8::");
        assertThat(IpLiteral.format(IpLiteral.parse("fe80::1:2"))).isEqualTo("fe80::1:2");
        assertThat(IpLiteral.format(IpLiteral.parse("1:2:3:4:5:6:7::"))).isEqualTo("1:2:3:4:5:6:7:0");
        assertThat(IpLiteral.format(IpLiteral.parse("::2:3:4:5:6:7:8"))).isEqualTo("0:2:3:4:5:6:7:8");
    }

    @Test
    void ipv6WithTrailingDottedQuadKeepsItsOwnPrefix() {
        byte[] mapped = IpLiteral.parse("::ffff:192.0.2.1");
        assertThat(mapped).hasSize(16);
        assertThat(mapped).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1);
        // Unlike some parsers, IPv4-compatible and NAT64 forms are not rewritten into IPv4-mapped ones.
        assertThat(IpLiteral.parse("::192.0.2.1")).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1);
        assertThat(IpLiteral.parse("64:ff9b::10.0.0.1"))
                .containsExactly(0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 10, 0, 0, 1);
        assertThat(IpLiteral.parse("1:2:3:4:5:6:1.2.3.4")).hasSize(16);
    }

    @ParameterizedTest
    @ValueSource(strings = {":", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:", "fe80::1%eth0", "[::1]", "::g",
            "1:2:3:4:5:6:7:1.2.3.4", "::1.2.3", "::1.2.3.4:5", "::01.2.3.4", "1::2:", "::ffff:1.2.3.4.5",
            "\u0661::1"})
    void malformedIpv6IsRejected(String text) {
        assertThat(IpLiteral.parse(text)).isNull();
    }

    @Test
    void toInetAddressGivesTheFamilyAndNamesBadValues() {
        assertThat(IpLiteral.toInetAddress("192.0.2.1")).isInstanceOf(Inet4Address.class);
        assertThat(IpLiteral.toInetAddress("2001:db8::1")).isInstanceOf(Inet6Address.class);
        assertThatThrownBy(() -> IpLiteral.toInetAddress("relay.example.org"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'relay.example.org': not an IP address (expected");
    }
}
