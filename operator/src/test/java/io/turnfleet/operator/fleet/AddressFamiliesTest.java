package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressFamiliesTest {
  @Test
  void theAnnotationReadsBackAndARelayWithoutItServedIpv4Only() {
    AddressFamilies both = new AddressFamilies(true, true);
    assertThat(both.annotation()).isEqualTo("IPv4,IPv6");
    assertThat(AddressFamilies.parse(both.annotation())).isEqualTo(both);
    assertThat(AddressFamilies.parse("IPv6")).isEqualTo(new AddressFamilies(false, true));
    assertThat(AddressFamilies.parse(null)).isEqualTo(AddressFamilies.IPV4_ONLY);
    assertThat(AddressFamilies.parse("garbage")).isEqualTo(AddressFamilies.IPV4_ONLY);
  }

  @Test
  void aFamilyIncludesOnlyItsOwnAddresses() {
    AddressFamilies v6 = new AddressFamilies(false, true);
    assertThat(v6.includes(IpLiteral.parse("2001:db8::1").orElseThrow())).isTrue();
    assertThat(v6.includes(IpLiteral.parse("203.0.113.1").orElseThrow())).isFalse();
  }
}
