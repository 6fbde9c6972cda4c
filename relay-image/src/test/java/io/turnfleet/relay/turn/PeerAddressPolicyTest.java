package io.turnfleet.relay.turn;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PeerAddressPolicyTest {

    private static final PeerAddressPolicy DEFAULTS = PeerAddressPolicy.defaults();
    private static final PeerAddressPolicy OPEN_EVERYTHING = new PeerAddressPolicy(
            List.of(Cidr.parse("0.0.0.0/0"), Cidr.parse("::/0")), List.of(), true);

    private static boolean permits(PeerAddressPolicy policy, String literal) {
        byte[] address = IpLiteral.parse(literal);
        assertThat(address).as("test address %s", literal).isNotNull();
        return policy.permits(address);
    }

    private static PeerAddressPolicy policy(List<String> allow, List<String> deny, boolean loopback) {
        return new PeerAddressPolicy(allow.stream().map(Cidr::parse).toList(), deny.stream().map(Cidr::parse).toList(), loopback);
    }

    @Nested
    class Defaults {

        @ParameterizedTest
        @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "203.0.113.5", "2001:4860:4860::8888", "2a00:1450::1", "223.255.255.255",
                "172.32.0.1", "100.128.0.1", "192.169.0.1", "9.255.255.255"})
        void publicAddressesArePermitted(String address) {
            assertThat(permits(DEFAULTS, address)).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "0.1.2.3", "::", "169.254.169.254", "169.254.0.1", "fe80::1", "febf:ffff::1",
                "224.0.0.1", "239.255.255.250", "ff02::1", "ff0e::fb", "240.0.0.1", "255.255.255.255"})
        void unspecifiedLinkLocalMulticastAndBroadcastAreDenied(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "::1"})
        void loopbackIsDenied(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "100.64.0.1", "100.127.255.255",
                "192.0.0.8", "198.18.0.1", "198.19.255.255", "fc00::1", "fd12:3456::1", "fec0::1"})
        void privateAndInternalRangesAreDenied(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
        }

        @Test
        void malformedLengthIsDenied() {
            assertThat(DEFAULTS.permits(new byte[5])).isFalse();
        }
    }

    @Nested
    class AllowAndDenyLists {

        @Test
        void allowListOpensAPrivateRangeAndNothingElsePrivate() {
            PeerAddressPolicy policy = policy(List.of("10.1.0.0/16"), List.of(), false);
            assertThat(permits(policy, "10.1.2.3")).isTrue();
            assertThat(permits(policy, "10.2.0.1")).isFalse();
            assertThat(permits(policy, "192.168.0.1")).isFalse();
        }

        @Test
        void allowListOpensPrivateIpv6() {
            assertThat(permits(policy(List.of("fd00::/8"), List.of(), false), "fd00::5")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "169.254.169.254", "fe80::1", "224.0.0.1", "ff02::1", "255.255.255.255", "240.0.0.1", "::"})
        void allowListNeverOpensTheAlwaysDeniedRanges(String address) {
            assertThat(permits(OPEN_EVERYTHING, address)).isFalse();
            assertThat(permits(policy(List.of(address + (address.contains(":") ? "/128" : "/32")), List.of(), true), address)).isFalse();
        }

        @Test
        void allowListDoesNotOpenLoopback() {
            PeerAddressPolicy policy = policy(List.of("127.0.0.0/8", "::1/128"), List.of(), false);
            assertThat(permits(policy, "127.0.0.1")).isFalse();
            assertThat(permits(policy, "::1")).isFalse();
        }

        @Test
        void denyListWinsOverAllowList() {
            PeerAddressPolicy policy = policy(List.of("10.0.0.0/8"), List.of("10.9.0.0/16"), false);
            assertThat(permits(policy, "10.8.0.1")).isTrue();
            assertThat(permits(policy, "10.9.0.1")).isFalse();
        }

        @Test
        void denyListDeniesPublicAddresses() {
            PeerAddressPolicy policy = policy(List.of(), List.of("203.0.113.0/24", "2001:db8::/32"), false);
            assertThat(permits(policy, "203.0.113.9")).isFalse();
            assertThat(permits(policy, "2001:db8::9")).isFalse();
            assertThat(permits(policy, "203.0.114.9")).isTrue();
        }

        @Test
        void denyListWinsOverLoopbackPermission() {
            PeerAddressPolicy policy = policy(List.of(), List.of("127.0.0.2/32"), true);
            assertThat(permits(policy, "127.0.0.1")).isTrue();
            assertThat(permits(policy, "127.0.0.2")).isFalse();
        }

        @Test
        void ipv4MappedDenyRangeAlsoDeniesThePlainIpv4Address() {
            PeerAddressPolicy policy = policy(List.of(), List.of("::ffff:203.0.113.0/120"), false);
            assertThat(permits(policy, "203.0.113.9")).isFalse();
            assertThat(permits(policy, "::ffff:203.0.113.9")).isFalse();
            assertThat(permits(policy, "203.0.112.9")).isTrue();
        }
    }

    @Nested
    class Loopback {

        @Test
        void loopbackIsPermittedOnlyWhenAsked() {
            PeerAddressPolicy policy = policy(List.of(), List.of(), true);
            assertThat(permits(policy, "127.0.0.1")).isTrue();
            assertThat(permits(policy, "::1")).isTrue();
            assertThat(permits(policy, "::ffff:127.0.0.1")).isTrue();
            assertThat(permits(policy, "10.0.0.1")).as("private stays denied").isFalse();
            assertThat(permits(policy, "169.254.169.254")).as("link-local stays denied").isFalse();
        }
    }

    /** Every IPv6 form that embeds an IPv4 address is judged by that address too. */
    @Nested
    class EmbeddedIpv4 {

        @ParameterizedTest
        @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254", "::ffff:0.0.0.0",
                "::ffff:224.0.0.1", "::ffff:255.255.255.255", "::ffff:192.168.0.1"})
        void ipv4MappedIsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "::ffff:8.8.8.8")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"::127.0.0.1", "::10.0.0.1", "::169.254.169.254", "::0.0.0.2", "::224.0.0.1"})
        void ipv4CompatibleIsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "::8.8.8.8")).isTrue();
        }

        @Test
        void unspecifiedAndLoopbackAreNotReadAsIpv4Compatible() {
            PeerAddressPolicy loopbackAllowed = policy(List.of(), List.of(), true);
            assertThat(permits(loopbackAllowed, "::1")).as("::1 is loopback, not 0.0.0.1").isTrue();
            assertThat(permits(OPEN_EVERYTHING, "::")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"::ffff:0:127.0.0.1", "::ffff:0:10.0.0.1", "::ffff:0:169.254.169.254", "::ffff:0:0.0.0.0"})
        void siitIpv4TranslatedIsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "::ffff:0:8.8.8.8")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"2002:7f00:1::", "2002:a00:1::", "2002:a9fe:a9fe::1", "2002:c0a8:101:1::1", "2002:e000:1::"})
        void sixToFourIsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "2002:808:808::1")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"64:ff9b::127.0.0.1", "64:ff9b::10.0.0.1", "64:ff9b::169.254.169.254", "64:ff9b::224.0.0.1"})
        void wellKnownNat64IsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "64:ff9b::8.8.8.8")).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"64:ff9b:1::127.0.0.1", "64:ff9b:1:abcd::10.0.0.1", "64:ff9b:1::169.254.169.254"})
        void localUseNat64OfRfc8215IsJudgedByItsIpv4Address(String address) {
            assertThat(permits(DEFAULTS, address)).isFalse();
            assertThat(permits(DEFAULTS, "64:ff9b:1:abcd::8.8.8.8")).isTrue();
        }

        @Test
        void teredoIsJudgedByItsServerAndByItsObfuscatedClientAddress() {
            // RFC 4380 §4: 2001:0:<server IPv4>:<flags>:<port ^ 0xffff>:<client IPv4 ^ 0xffffffff>
            String publicServerPublicClient = "2001:0:808:808:8000:f227:f7f7:f7f7";    // client 8.8.8.8
            String privateServer = "2001:0:a00:1:8000:f227:f7f7:f7f7";                 // server 10.0.0.1
            String metadataClient = "2001:0:808:808:8000:f227:5601:5601";              // client 169.254.169.254
            String loopbackClient = "2001:0:808:808:8000:f227:80ff:fffe";              // client 127.0.0.1
            assertThat(permits(DEFAULTS, publicServerPublicClient)).isTrue();
            assertThat(permits(DEFAULTS, privateServer)).isFalse();
            assertThat(permits(DEFAULTS, metadataClient)).isFalse();
            assertThat(permits(DEFAULTS, loopbackClient)).isFalse();
        }

        @Test
        void allowListOpensEmbeddedPrivateAddressesToo() {
            PeerAddressPolicy policy = policy(List.of("10.0.0.0/8"), List.of(), false);
            assertThat(permits(policy, "::ffff:10.0.0.1")).isTrue();
            assertThat(permits(policy, "2002:a00:1::")).isTrue();
            assertThat(permits(policy, "64:ff9b::10.0.0.1")).isTrue();
        }

        @Test
        void ipv4DenyListReachesEmbeddedForms() {
            PeerAddressPolicy policy = policy(List.of(), List.of("8.8.8.0/24"), false);
            assertThat(permits(policy, "::ffff:8.8.8.8")).isFalse();
            assertThat(permits(policy, "::8.8.8.8")).isFalse();
            assertThat(permits(policy, "::ffff:0:8.8.8.8")).isFalse();
            assertThat(permits(policy, "2002:808:808::1")).isFalse();
            assertThat(permits(policy, "64:ff9b::8.8.8.8")).isFalse();
            assertThat(permits(policy, "64:ff9b:1::8.8.8.8")).isFalse();
            assertThat(permits(policy, "2001:0:808:808:8000:f227:f7f7:f7f7")).isFalse();
        }

        @Test
        void ownIpv6RangeIsJudgedToo() {
            PeerAddressPolicy policy = policy(List.of(), List.of("2002::/16", "64:ff9b::/96"), false);
            assertThat(permits(policy, "2002:808:808::1")).isFalse();
            assertThat(permits(policy, "64:ff9b::8.8.8.8")).isFalse();
            assertThat(permits(policy, "::ffff:8.8.8.8")).isTrue();
        }
    }

    @Test
    void inetAddressOverloadJudgesJavasIpv4MappedConversionTheSameWay() throws Exception {
        // InetAddress turns ::ffff:a.b.c.d into an Inet4Address; the verdict must not change.
        InetAddress mappedMetadata = InetAddress.getByAddress(IpLiteral.parse("::ffff:169.254.169.254"));
        assertThat(DEFAULTS.permits(mappedMetadata)).isFalse();
        assertThat(DEFAULTS.permits(InetAddress.getByAddress(IpLiteral.parse("::ffff:8.8.8.8")))).isTrue();
        assertThat(DEFAULTS.permits(InetAddress.getByAddress(IpLiteral.parse("64:ff9b::7f00:1")))).isFalse();
    }
}
