package io.turnfleet.relay.config;

import io.turnfleet.relay.turn.IpLiteral;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListenAddressTest {

    @Test
    void parsesEachTransportAndBothFamilies() {
        assertThat(ListenAddress.parse("udp://0.0.0.0:3478"))
                .isEqualTo(new ListenAddress(Transport.UDP, new InetSocketAddress(IpLiteral.toInetAddress("0.0.0.0"), 3478)));
        assertThat(ListenAddress.parse("tcp://[::]:3478").transport()).isEqualTo(Transport.TCP);
        assertThat(ListenAddress.parse("TLS://[2001:db8::1]:5349").address())
                .isEqualTo(new InetSocketAddress(IpLiteral.toInetAddress("2001:db8::1"), 5349));
    }

    @Test
    void bracketsAroundAnIpv4AddressAreAcceptedSoATemplateCanBracketAHostIpOfEitherFamily() {
        assertThat(ListenAddress.parse("tcp://[10.0.0.7]:9641").address())
                .isEqualTo(new InetSocketAddress(IpLiteral.toInetAddress("10.0.0.7"), 9641));
        assertThat(ListenAddress.parse("tcp://[10.0.0.7]:9641")).hasToString("tcp://10.0.0.7:9641");
    }

    @Test
    void toStringIsTheCanonicalUri() {
        assertThat(ListenAddress.parse("udp://[0:0::0]:3478")).hasToString("udp://[::]:3478");
        assertThat(ListenAddress.parse("tls://10.0.0.1:443")).hasToString("tls://10.0.0.1:443");
    }

    @Test
    void badValuesNameTheValue() {
        assertThatThrownBy(() -> ListenAddress.parse("0.0.0.0:3478")).hasMessageStartingWith("'0.0.0.0:3478': unknown or missing scheme");
        assertThatThrownBy(() -> ListenAddress.parse("udp://[::1]3478")).hasMessageStartingWith("'udp://[::1]3478': expected [IP]:PORT");
        assertThatThrownBy(() -> ListenAddress.parse("udp://[fe80::1%eth0]:3478")).hasMessageContaining("is not an IP address");
        assertThatThrownBy(() -> ListenAddress.parse("udp://1.2.3.4:0")).hasMessageContaining("port '0' is not within 1-65535");
        assertThatThrownBy(() -> ListenAddress.parse("udp://1.2.3.4:")).hasMessageContaining("port '' is not within 1-65535");
    }
}
