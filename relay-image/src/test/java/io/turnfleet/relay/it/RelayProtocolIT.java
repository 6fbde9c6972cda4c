package io.turnfleet.relay.it;

import io.turnfleet.relay.auth.EphemeralCredentials;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.Method;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static io.turnfleet.relay.it.RelayUnderTest.ALICE;
import static io.turnfleet.relay.it.RelayUnderTest.ALICE_PASSWORD;
import static io.turnfleet.relay.it.RelayUnderTest.BOB;
import static io.turnfleet.relay.it.RelayUnderTest.BOB_PASSWORD;
import static io.turnfleet.relay.it.RelayUnderTest.REALM;
import static io.turnfleet.relay.it.TurnTestClient.relayedAddress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's STUN/TURN behaviour over real UDP sockets on loopback, one behaviour per test
 * (RFC 8489, RFC 8656, RFC 6156; TURN REST credentials). Every test starts its own in-process relay
 * with the flags the behaviour needs; the client is {@link TurnTestClient} on the relay's codec.
 */
@ExtendWith(NettyLeakCheck.class)
class RelayProtocolIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress IPV4_LOOPBACK = ip("127.0.0.1");
    private static final InetSocketAddress PUBLIC_PEER = new InetSocketAddress(ip("203.0.113.5"), 4000);

    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    private RelayUnderTest relay(String... flags) {
        return open(RelayUnderTest.start(flags));
    }

    private TurnTestClient client(RelayUnderTest relay) {
        return open(relay.client());
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Fails, never skips, when the machine has no IPv6 loopback: the IPv6 behaviour must be checked. */
    private static void requireIpv6Loopback() throws SocketException {
        NetworkInterface loopback = NetworkInterface.networkInterfaces().filter(nic -> {
            try {
                return nic.isLoopback() && nic.isUp();
            } catch (SocketException e) {
                return false;
            }
        }).findFirst().orElse(null);
        boolean hasIpv6 = loopback != null && Collections.list(loopback.getInetAddresses()).stream()
                .anyMatch(address -> address instanceof Inet6Address && address.isLoopbackAddress());
        assertThat(hasIpv6).as("IPv6 loopback ::1 is not configured on this machine, so the IPv6 relay cannot be "
                + "tested. Enable it with `sudo sysctl -w net.ipv6.conf.lo.disable_ipv6=0` (and, if ::1 is still "
                + "missing, `sudo ip -6 addr add ::1/128 dev lo`); in a container start it with "
                + "`--sysctl net.ipv6.conf.lo.disable_ipv6=0`. Check with `ip -6 addr show lo`.").isTrue();
    }

    @Nested
    class Binding {

        @Test
        void bindingIsAnsweredWithTheClientsXorMappedAddress() {
            RelayUnderTest relay = relay();
            TurnTestClient client = client(relay);

            TurnAnswer answer = client.send(TurnRequest.binding());

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(client.localAddress());
            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY)).isFalse();
        }
    }

    @Nested
    class LongTermCredentials {

        @Test
        void allocateWithoutCredentialsIsChallengedWithRealmAndNonce() {
            RelayUnderTest relay = relay();

            TurnAnswer answer = client(relay).send(TurnRequest.allocate());

            assertThat(answer.code()).as("%s", answer).isEqualTo(401);
            assertThat(answer.text(AttributeType.REALM)).isEqualTo(REALM);
            assertThat(answer.text(AttributeType.NONCE)).isNotBlank();
            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY)).isFalse();
            assertThat(relay.load().get("allocations").asInt()).isZero();
        }

        @Test
        void allocateWithWrongPasswordIsRefusedWith401AndANewChallenge() {
            RelayUnderTest relay = relay();
            TurnTestClient client = client(relay).as(ALICE, "not-alices-password");

            TurnAnswer answer = client.sendSigned(TurnRequest.allocate());

            assertThat(answer.code()).as("%s", answer).isEqualTo(401);
            assertThat(answer.text(AttributeType.REALM)).isEqualTo(REALM);
            assertThat(answer.has(AttributeType.NONCE)).isTrue();
            assertThat(relay.load().get("allocations").asInt()).isZero();
        }

        @Test
        void integrityWithoutUsernameIsABadRequest() {
            TurnTestClient client = client(relay());

            TurnAnswer answer = client.sendSigned(TurnRequest.allocate().withoutUsername());

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
        }

        @Test
        void expiredNonceIsAnsweredWith438AndAFreshNonceThatWorks() {
            TurnTestClient client = client(relay("--nonce-lifetime", "2s"));
            TurnAnswer accepted = client.sendSigned(TurnRequest.refresh(600));
            assertThat(accepted.code()).as("nonce accepted, no allocation yet: %s", accepted).isEqualTo(437);
            String firstNonce = client.nonce();

            AtomicReference<TurnAnswer> stale = new AtomicReference<>();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                TurnAnswer answer = client.sendSigned(TurnRequest.refresh(600));
                stale.set(answer);
                return answer.code() != 437;
            });

            assertThat(stale.get().code()).as("%s", stale.get()).isEqualTo(438);
            assertThat(stale.get().text(AttributeType.REALM)).isEqualTo(REALM);
            assertThat(stale.get().text(AttributeType.NONCE)).isNotEqualTo(firstNonce);
            assertThat(client.sendSigned(TurnRequest.allocate()).isSuccess()).isTrue();
        }

        @Test
        void unknownComprehensionRequiredAttributeIsAnsweredWith420ListingIt() {
            TurnTestClient client = client(relay());

            TurnAnswer answer = client.request(TurnRequest.allocate().attribute(0x0031));

            assertThat(answer.code()).as("%s", answer).isEqualTo(420);
            assertThat(answer.unknownAttributes()).containsExactly(0x0031);
            assertThat(answer.verifiesWith(client.key())).isTrue();
            assertThat(client.request(TurnRequest.allocate()).isSuccess()).as("nothing was allocated").isTrue();
        }

        @Test
        void unknownComprehensionOptionalAttributeIsIgnored() {
            TurnTestClient client = client(relay());

            TurnAnswer answer = client.request(TurnRequest.allocate().attribute(0x8055));

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
        }
    }

    @Nested
    class Allocate {

        @Test
        void secondAllocateFromTheSameFiveTupleIsAMismatchWhileARetransmissionGetsTheSameAnswer() {
            TurnTestClient client = client(relay());
            TurnAnswer first = client.request(TurnRequest.allocate());
            assertThat(first.isSuccess()).as("%s", first).isTrue();

            TurnAnswer retransmitted = client.resend(first.request());
            TurnAnswer second = client.request(TurnRequest.allocate());
            TurnAnswer retransmittedAgain = client.resend(first.request());

            assertThat(retransmitted.bytes()).isEqualTo(first.bytes());
            assertThat(second.code()).as("%s", second).isEqualTo(437);
            assertThat(retransmittedAgain.bytes()).isEqualTo(first.bytes());
        }

        @Test
        void retransmittedRefreshToZeroGetsTheSameAnswerInsteadOfAMismatch() {
            TurnTestClient client = client(relay());
            client.allocate();

            TurnAnswer freed = client.request(TurnRequest.refresh(0));
            TurnAnswer retransmitted = client.resend(freed.request());

            assertThat(freed.isSuccess()).as("%s", freed).isTrue();
            assertThat(retransmitted.bytes()).isEqualTo(freed.bytes());
        }

        @Test
        void refreshAskingForAFamilyTheAllocationLacksIsAPeerAddressFamilyMismatch() {
            TurnTestClient client = client(relay());
            client.allocate();

            TurnAnswer answer = client.request(TurnRequest.refresh(600).requestedAddressFamily(TurnRequest.IPV6));

            assertThat(answer.code()).as("%s", answer).isEqualTo(443);
        }

        @Test
        void refreshWithoutAllocationIsAMismatch() {
            TurnAnswer answer = client(relay()).request(TurnRequest.refresh(600));

            assertThat(answer.code()).as("%s", answer).isEqualTo(437);
        }

        @Test
        void anotherUserOnTheSameFiveTupleGetsWrongCredentials() {
            TurnTestClient client = client(relay());
            client.allocate();

            client.as(BOB, BOB_PASSWORD);
            TurnAnswer refresh = client.request(TurnRequest.refresh(600));
            TurnAnswer permission = client.request(TurnRequest.createPermission(PUBLIC_PEER));

            assertThat(refresh.code()).as("%s", refresh).isEqualTo(441);
            assertThat(permission.code()).as("%s", permission).isEqualTo(441);
            client.as(ALICE, ALICE_PASSWORD);
            assertThat(client.request(TurnRequest.refresh(600)).isSuccess()).isTrue();
        }

        @Test
        void allocateWithoutRequestedTransportIsABadRequest() {
            // With LIFETIME: a bare 20-byte request is too small to challenge within 3x its size.
            TurnAnswer answer = client(relay()).request(TurnRequest.of(Method.ALLOCATE).lifetime(600));

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
        }

        @Test
        void allocateForTcpOverTheUdpListenerIsABadRequest() {
            // RFC 6062 §5.1: a TCP allocation needs a TCP or TLS control connection.
            TurnAnswer answer = client(relay()).request(TurnRequest.of(Method.ALLOCATE).requestedTransport(6));

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 132, 255})
        void allocateForAnotherProtocolIsAnUnsupportedTransport(int protocol) {
            TurnAnswer answer = client(relay()).request(TurnRequest.of(Method.ALLOCATE).requestedTransport(protocol));

            assertThat(answer.code()).as("%s", answer).isEqualTo(442);
        }

        @Test
        void requestedIpv6FamilyOnARelayWithoutIpv6IsNotSupported() {
            TurnAnswer answer = client(relay()).request(TurnRequest.allocate()
                    .requestedAddressFamily(TurnRequest.IPV6));

            assertThat(answer.code()).as("%s", answer).isEqualTo(440);
        }

        @Test
        void additionalIpv6FamilyOnARelayWithoutIpv6GivesIpv4AndAnAddressErrorCode() {
            TurnAnswer answer = client(relay()).request(TurnRequest.allocate()
                    .additionalAddressFamily(TurnRequest.IPV6));

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.xorAddresses(AttributeType.XOR_RELAYED_ADDRESS))
                    .singleElement().satisfies(relayed -> assertThat(relayed.getAddress()).isEqualTo(IPV4_LOOPBACK));
            assertThat(answer.addressErrorCode()).containsExactly(TurnRequest.IPV6, 440);
        }

        @Test
        void peerOfTheFamilyTheAllocationLacksIsAPeerAddressFamilyMismatch() {
            TurnTestClient client = client(relay());
            client.allocate();
            InetSocketAddress ipv6Peer = new InetSocketAddress(ip("2001:db8::5"), 4000);

            TurnAnswer permission = client.request(TurnRequest.createPermission(ipv6Peer));
            TurnAnswer channel = client.request(TurnRequest.channelBind(0x4000, ipv6Peer));

            assertThat(permission.code()).as("%s", permission).isEqualTo(443);
            assertThat(channel.code()).as("%s", channel).isEqualTo(443);
        }
    }

    @Nested
    class PeerPolicy {

        @Test
        void loopbackPeerIsForbiddenWithoutAllowLoopbackPeers() {
            TurnTestClient client = client(relay());
            client.allocate();
            InetSocketAddress loopbackPeer = new InetSocketAddress(IPV4_LOOPBACK, 4000);

            TurnAnswer permission = client.request(TurnRequest.createPermission(loopbackPeer));
            TurnAnswer channel = client.request(TurnRequest.channelBind(0x4000, loopbackPeer));

            assertThat(permission.code()).as("%s", permission).isEqualTo(403);
            assertThat(channel.code()).as("%s", channel).isEqualTo(403);
        }

        @Test
        void cloudMetadataAddressIsForbiddenEvenWhenAllowPeerCoversIt() {
            TurnTestClient client = client(relay("--allow-peer", "169.254.0.0/16", "--allow-peer", "10.0.0.0/8"));
            client.allocate();

            TurnAnswer metadata = client.request(TurnRequest.createPermission(
                    new InetSocketAddress(ip("169.254.169.254"), 80)));
            TurnAnswer allowedPrivate = client.request(TurnRequest.createPermission(
                    new InetSocketAddress(ip("10.1.2.3"), 80)));

            assertThat(metadata.code()).as("%s", metadata).isEqualTo(403);
            assertThat(allowedPrivate.isSuccess()).as("--allow-peer does open private ranges: %s", allowedPrivate)
                    .isTrue();
        }

        @Test
        void ipv4MappedLoopbackIsForbidden() throws Exception {
            requireIpv6Loopback();
            TurnTestClient client = client(relay("--relay-ip", "127.0.0.1", "--relay-ip", "::1"));
            TurnAnswer allocated = client.request(TurnRequest.allocate().additionalAddressFamily(TurnRequest.IPV6));
            assertThat(allocated.xorAddresses(AttributeType.XOR_RELAYED_ADDRESS)).as("%s", allocated).hasSize(2);
            byte[] mappedLoopback = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};

            TurnAnswer answer = client.request(TurnRequest.of(Method.CREATE_PERMISSION).peer(mappedLoopback, 4000));

            assertThat(answer.code()).as("%s", answer).isEqualTo(403);
        }
    }

    @Nested
    class Quotas {

        @Test
        void userQuotaRefusesThatUsersNextAllocationWith486() {
            RelayUnderTest relay = relay("--user-quota", "1");
            client(relay).allocate();

            TurnAnswer secondOfAlice = client(relay).request(TurnRequest.allocate());
            TurnAnswer firstOfBob = client(relay).as(BOB, BOB_PASSWORD).request(TurnRequest.allocate());

            assertThat(secondOfAlice.code()).as("%s", secondOfAlice).isEqualTo(486);
            assertThat(firstOfBob.isSuccess()).as("%s", firstOfBob).isTrue();
        }

        @Test
        void maxAllocationsRefusesAnyFurtherAllocationWith508() {
            RelayUnderTest relay = relay("--max-allocations", "1");
            client(relay).allocate();

            TurnAnswer answer = client(relay).as(BOB, BOB_PASSWORD).request(TurnRequest.allocate());

            assertThat(answer.code()).as("%s", answer).isEqualTo(508);
        }

        @Test
        void fullRelayNamesAnotherRelayOfTheFleetWithTryAlternate(@TempDir Path files) throws IOException {
            Path alternates = Files.writeString(files.resolve("alternates"), "192.0.2.10:3478\n");
            RelayUnderTest relay = relay("--max-allocations", "1", "--alternate-servers-file", alternates.toString());
            client(relay).allocate();
            TurnTestClient newcomer = client(relay);

            TurnAnswer answer = newcomer.request(TurnRequest.allocate());

            assertThat(answer.code()).as("%s", answer).isEqualTo(300);
            assertThat(answer.plainAddress(AttributeType.ALTERNATE_SERVER))
                    .isEqualTo(new InetSocketAddress(ip("192.0.2.10"), 3478));
            assertThat(answer.verifiesWith(newcomer.key())).isTrue();
        }

        @Test
        void exhaustedRelayPortsAreRefusedWith508AndComeBackAfterRefreshToZero() {
            String range = FreePorts.udpRange(2);
            RelayUnderTest relay = relay("--relay-ports", range);
            TurnTestClient first = client(relay);
            int firstPort = first.allocate().getPort();
            int secondPort = client(relay).allocate().getPort();
            TurnTestClient third = client(relay);

            TurnAnswer refused = third.request(TurnRequest.allocate());
            TurnAnswer freed = first.request(TurnRequest.refresh(0));
            TurnAnswer retried = third.request(TurnRequest.allocate());

            int min = Integer.parseInt(range.substring(0, range.indexOf('-')));
            assertThat(Set.of(firstPort, secondPort)).containsExactlyInAnyOrder(min, min + 1);
            assertThat(refused.code()).as("%s", refused).isEqualTo(508);
            assertThat(freed.isSuccess()).as("%s", freed).isTrue();
            assertThat(retried.isSuccess()).as("%s", retried).isTrue();
            assertThat(relayedAddress(retried).getPort()).isEqualTo(firstPort);
        }

        @Test
        void aRelayPortAnotherProcessHoldsIsSkippedAndARangeHeldInFullIsRefusedWith508() throws Exception {
            String range = FreePorts.udpRange(2);
            int min = Integer.parseInt(range.substring(0, range.indexOf('-')));
            try (DatagramSocket squatter = new DatagramSocket(min)) {
                RelayUnderTest relay = relay("--relay-ports", range);

                int port = client(relay).allocate().getPort();
                TurnAnswer refused = client(relay).request(TurnRequest.allocate());

                assertThat(squatter.getLocalPort()).isEqualTo(min);
                assertThat(port).isEqualTo(min + 1);
                assertThat(refused.code()).as("%s", refused).isEqualTo(508);
            }
        }

        @Test
        void evenPortWithoutReserveGivesAnEvenPortAndNoToken() {
            RelayUnderTest relay = relay("--relay-ports", FreePorts.udpRange(4));

            TurnAnswer answer = client(relay).request(TurnRequest.allocate().evenPort(false));

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(relayedAddress(answer).getPort() % 2).isZero();
            assertThat(answer.has(AttributeType.RESERVATION_TOKEN)).isFalse();
        }

        @Test
        void evenPortWithReserveGivesAnEvenPortAndATokenThatRedeemsTheNextPortOnce() {
            RelayUnderTest relay = relay("--relay-ports", FreePorts.udpRange(4));

            TurnAnswer even = client(relay).request(TurnRequest.allocate().evenPort(true));
            assertThat(even.isSuccess()).as("%s", even).isTrue();
            int port = relayedAddress(even).getPort();
            long token = even.longValue(AttributeType.RESERVATION_TOKEN);
            TurnAnswer redeemed = client(relay).request(TurnRequest.allocate().reservationToken(token));
            TurnAnswer redeemedAgain = client(relay).request(TurnRequest.allocate().reservationToken(token));

            assertThat(port % 2).isZero();
            assertThat(redeemed.isSuccess()).as("%s", redeemed).isTrue();
            assertThat(relayedAddress(redeemed).getPort()).isEqualTo(port + 1);
            assertThat(redeemedAgain.code()).as("%s", redeemedAgain).isEqualTo(508);
        }
    }

    @Nested
    class PermissionsAndChannels {

        @Test
        void createPermissionWithSeveralPeersPermitsEachOfThem() {
            TurnTestClient client = client(relay("--allow-loopback-peers"));
            InetSocketAddress relayed = client.allocate();
            UdpPeer second = open(UdpPeer.listening(ip("127.0.0.2")));
            UdpPeer third = open(UdpPeer.listening(ip("127.0.0.3")));

            client.createPermission(second.address(), third.address());
            second.send(relayed, bytes("from .2"));
            TurnTestClient.Relayed fromSecond = client.receiveRelayed(WAIT);
            third.send(relayed, bytes("from .3"));
            TurnTestClient.Relayed fromThird = client.receiveRelayed(WAIT);

            assertThat(fromSecond.peer()).isEqualTo(second.address());
            assertThat(fromSecond.text()).isEqualTo("from .2");
            assertThat(fromThird.peer()).isEqualTo(third.address());
            assertThat(fromThird.text()).isEqualTo("from .3");
        }

        @Test
        void createPermissionWithOneForbiddenPeerInstallsNone() {
            RelayUnderTest relay = relay("--allow-loopback-peers");
            TurnTestClient client = client(relay);
            InetSocketAddress relayed = client.allocate();
            UdpPeer peer = open(UdpPeer.listening(ip("127.0.0.2")));

            TurnAnswer answer = client.request(TurnRequest.createPermission(peer.address(),
                    new InetSocketAddress(ip("169.254.169.254"), 80)));
            peer.send(relayed, bytes("too early"));
            await().atMost(WAIT).until(() -> relay.metric("turnfleet_dropped_packets_total",
                    "reason=\"no_permission\"") >= 1);
            client.createPermission(peer.address());
            peer.send(relayed, bytes("permitted now"));

            assertThat(answer.code()).as("%s", answer).isEqualTo(403);
            assertThat(client.receiveRelayed(WAIT).text()).isEqualTo("permitted now");
        }

        @ParameterizedTest(name = "0x{0}")
        @ValueSource(strings = {"3FFF", "8000", "FFFF", "0000"})
        void channelNumberOutsideBothRangesIsABadRequest(String hex) {
            TurnTestClient client = client(relay());
            client.allocate();

            TurnAnswer answer = client.request(TurnRequest.channelBind(Integer.parseInt(hex, 16), PUBLIC_PEER));

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
        }

        @Test
        void channelNumbersOfRfc8656AndOfRfc5766AreBothAccepted() {
            TurnTestClient client = client(relay());
            client.allocate();

            TurnAnswer rfc8656 = client.request(TurnRequest.channelBind(0x4FFF, PUBLIC_PEER));
            TurnAnswer rfc5766 = client.request(TurnRequest.channelBind(0x7FFF,
                    new InetSocketAddress(PUBLIC_PEER.getAddress(), 4001)));

            assertThat(rfc8656.isSuccess()).as("%s", rfc8656).isTrue();
            assertThat(rfc5766.isSuccess()).as("%s", rfc5766).isTrue();
        }

        @Test
        void channelNumberBoundToOnePeerCannotBeBoundToAnother() {
            TurnTestClient client = client(relay());
            client.allocate();
            client.channelBind(0x4000, PUBLIC_PEER);

            TurnAnswer answer = client.request(TurnRequest.channelBind(0x4000,
                    new InetSocketAddress(PUBLIC_PEER.getAddress(), 4001)));

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
        }

        @Test
        void peerBoundToOneChannelCannotBeBoundToAnother() {
            TurnTestClient client = client(relay());
            client.allocate();
            client.channelBind(0x4000, PUBLIC_PEER);

            TurnAnswer answer = client.request(TurnRequest.channelBind(0x4001, PUBLIC_PEER));

            assertThat(answer.code()).as("%s", answer).isEqualTo(400);
            assertThat(client.request(TurnRequest.channelBind(0x4000, PUBLIC_PEER)).isSuccess())
                    .as("rebinding the same pair refreshes it").isTrue();
        }
    }

    @Nested
    class DataPath {

        @ParameterizedTest(name = "channel 0x{0}")
        @ValueSource(strings = {"4000", "7FFF"})
        void dataFlowsBothWaysOverChannelData(String hex) {
            int channel = Integer.parseInt(hex, 16);
            TurnTestClient client = client(relay("--allow-loopback-peers"));
            UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
            InetSocketAddress relayed = client.allocate();
            client.channelBind(channel, echo.address());

            client.sendChannelData(channel, bytes("over a channel"));
            UdpPeer.Datagram atPeer = echo.receive(WAIT);
            TurnTestClient.Relayed atClient = client.receiveRelayed(WAIT);

            assertThat(atPeer.sender()).isEqualTo(relayed);
            assertThat(atPeer.text()).isEqualTo("over a channel");
            assertThat(atClient.channel()).isEqualTo(channel);
            assertThat(atClient.text()).isEqualTo("over a channel");
        }

        @Test
        void aPeerWrittenAsAnIpv4MappedIpv6AddressIsAnIpv4PeerThroughout() {
            TurnTestClient client = client(relay("--allow-loopback-peers"));
            UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
            InetSocketAddress relayed = client.allocate();
            byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};

            TurnAnswer permission = client.request(TurnRequest.of(Method.CREATE_PERMISSION)
                    .peer(mapped, echo.address().getPort()));
            client.indicate(TurnRequest.send(mapped, echo.address().getPort(), bytes("mapped")));
            UdpPeer.Datagram atPeer = echo.receive(WAIT);
            TurnTestClient.Relayed atClient = client.receiveRelayed(WAIT);

            assertThat(permission.isSuccess()).as("an IPv4 allocation relays to it: %s", permission).isTrue();
            assertThat(atPeer.sender()).isEqualTo(relayed);
            assertThat(atClient.peer()).as("reported back as IPv4").isEqualTo(echo.address());
            assertThat(atClient.text()).isEqualTo("mapped");
        }

        @Test
        void dataFlowsBothWaysOverSendAndDataIndications() {
            TurnTestClient client = client(relay("--allow-loopback-peers"));
            UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
            InetSocketAddress relayed = client.allocate();
            client.createPermission(echo.address());

            client.indicate(TurnRequest.send(echo.address(), bytes("in an indication")));
            UdpPeer.Datagram atPeer = echo.receive(WAIT);
            TurnTestClient.Relayed atClient = client.receiveRelayed(WAIT);

            assertThat(atPeer.sender()).isEqualTo(relayed);
            assertThat(atPeer.text()).isEqualTo("in an indication");
            assertThat(atClient.channel()).as("a Data indication, not ChannelData").isEqualTo(-1);
            assertThat(atClient.peer()).isEqualTo(echo.address());
            assertThat(atClient.text()).isEqualTo("in an indication");
        }

        @Test
        void dataFromAPeerWithoutPermissionIsNotDelivered() {
            RelayUnderTest relay = relay("--allow-loopback-peers");
            TurnTestClient client = client(relay);
            InetSocketAddress relayed = client.allocate();
            UdpPeer permitted = open(UdpPeer.listening(ip("127.0.0.2")));
            UdpPeer stranger = open(UdpPeer.listening(ip("127.0.0.3")));
            client.createPermission(permitted.address());

            stranger.send(relayed, bytes("uninvited"));
            await().atMost(WAIT).until(() -> relay.metric("turnfleet_dropped_packets_total",
                    "reason=\"no_permission\"") >= 1);
            permitted.send(relayed, bytes("invited"));

            TurnTestClient.Relayed first = client.receiveRelayed(WAIT);
            assertThat(first.peer()).isEqualTo(permitted.address());
            assertThat(first.text()).as("the stranger's datagram was dropped, not delayed").isEqualTo("invited");
        }

        @Test
        void everyClientIsServedWhenTheRelayRunsSeveralEventLoops() {
            RelayUnderTest relay = relay("--allow-loopback-peers", "--threads", "3");
            UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
            for (int i = 0; i < 8; i++) {
                TurnTestClient client = client(relay);
                client.allocate();
                client.channelBind(0x4000 + i, echo.address());

                client.sendChannelData(0x4000 + i, bytes("client " + i));

                TurnTestClient.Relayed echoed = client.receiveRelayed(WAIT);
                assertThat(echoed.channel()).isEqualTo(0x4000 + i);
                assertThat(echoed.text()).isEqualTo("client " + i);
            }
            assertThat(relay.load().get("allocations").asInt()).isEqualTo(8);
        }

        @Test
        void sendIndicationToAPeerWithoutPermissionIsDropped() {
            RelayUnderTest relay = relay("--allow-loopback-peers");
            TurnTestClient client = client(relay);
            client.allocate();
            UdpPeer permitted = open(UdpPeer.listening(ip("127.0.0.2")));
            UdpPeer stranger = open(UdpPeer.listening(ip("127.0.0.3")));
            client.createPermission(permitted.address());

            client.indicate(TurnRequest.send(stranger.address(), bytes("not for you")));
            await().atMost(WAIT).until(() -> relay.metric("turnfleet_dropped_packets_total",
                    "reason=\"no_permission\"") >= 1);
            client.indicate(TurnRequest.send(permitted.address(), bytes("for you")));

            assertThat(permitted.receive(WAIT).text()).isEqualTo("for you");
            assertThat(stranger.receivedSoFar()).isEmpty();
        }

        @Test
        void channelDataOnAnUnboundChannelIsDropped() {
            RelayUnderTest relay = relay("--allow-loopback-peers");
            TurnTestClient client = client(relay);
            client.allocate();
            UdpPeer peer = open(UdpPeer.listening(IPV4_LOOPBACK));
            client.channelBind(0x4000, peer.address());

            client.sendChannelData(0x4001, bytes("nobody's channel"));
            await().atMost(WAIT).until(() -> relay.metric("turnfleet_dropped_packets_total",
                    "reason=\"no_channel\"") >= 1);
            client.sendChannelData(0x4000, bytes("bound channel"));

            assertThat(peer.receive(WAIT).text()).isEqualTo("bound channel");
            assertThat(peer.receivedSoFar()).isEmpty();
        }

        @Test
        void permissionCoversEveryPortOfThePeersAddress() {
            TurnTestClient client = client(relay("--allow-loopback-peers"));
            InetSocketAddress relayed = client.allocate();
            UdpPeer named = open(UdpPeer.listening(ip("127.0.0.2")));
            UdpPeer samePeerOtherPort = open(UdpPeer.listening(ip("127.0.0.2")));
            client.createPermission(named.address());

            samePeerOtherPort.send(relayed, bytes("other port"));

            assertThat(client.receiveRelayed(WAIT).peer()).isEqualTo(samePeerOtherPort.address());
        }
    }

    @Nested
    class Lifetime {

        @Test
        void refreshWithZeroLifetimeFreesTheAllocationAtOnce() throws Exception {
            RelayUnderTest relay = relay();
            TurnTestClient client = client(relay);
            InetSocketAddress relayed = client.allocate();

            TurnAnswer answer = client.request(TurnRequest.refresh(0));

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.unsignedInt(AttributeType.LIFETIME)).isZero();
            try (DatagramSocket rebound = new DatagramSocket(relayed)) {
                assertThat(rebound.getLocalPort()).as("the relayed port is closed").isEqualTo(relayed.getPort());
            }
            assertThat(relay.load().get("allocations").asInt()).isZero();
            assertThat(client.request(TurnRequest.refresh(600)).code()).isEqualTo(437);
        }

        @Test
        void allocationEndsWhenItsLifetimeRunsOut() {
            RelayUnderTest relay = relay("--max-lifetime", "1s");
            TurnTestClient client = client(relay);
            TurnAnswer allocated = client.request(TurnRequest.allocate());
            assertThat(allocated.unsignedInt(AttributeType.LIFETIME)).isEqualTo(1);

            await().atMost(WAIT).until(() -> relay.load().get("allocations").asInt() == 0);

            assertThat(client.request(TurnRequest.refresh(600)).code()).isEqualTo(437);
            assertThat(client.request(TurnRequest.allocate()).isSuccess()).as("the 5-tuple is free again").isTrue();
        }

        @ParameterizedTest(name = "LIFETIME {0} -> {1} s")
        @CsvSource({"absent, 600", "0, 600", "1, 600", "600, 600", "1800, 1800", "7200, 3600"})
        void allocationLifetimeIsTheRequestCappedAtTheMaximumButNeverBelowTheDefault(String requested, long granted) {
            TurnRequest allocate = TurnRequest.allocate();
            if (!requested.equals("absent")) {
                allocate.lifetime(Long.parseLong(requested));
            }

            TurnAnswer answer = client(relay()).request(allocate);

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.unsignedInt(AttributeType.LIFETIME)).isEqualTo(granted);
        }

        @ParameterizedTest(name = "LIFETIME {0} -> {1} s")
        @CsvSource({"1, 600", "1800, 1800", "7200, 3600"})
        void refreshLifetimeFollowsTheSameRule(long requested, long granted) {
            TurnTestClient client = client(relay());
            client.allocate();

            TurnAnswer answer = client.request(TurnRequest.refresh(requested));

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.unsignedInt(AttributeType.LIFETIME)).isEqualTo(granted);
        }

        @Test
        void maxLifetimeFlagLowersTheCap() {
            TurnAnswer answer = client(relay("--max-lifetime", "20m")).request(TurnRequest.allocate().lifetime(7200));

            assertThat(answer.unsignedInt(AttributeType.LIFETIME)).isEqualTo(1200);
        }
    }

    @Nested
    class IntegrityAndFingerprint {

        @Test
        void sha256SignedRequestGetsASha256SignedAnswer() {
            TurnTestClient client = client(relay());

            TurnAnswer answer = client.request(TurnRequest.allocate().sha256());

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY_SHA256)).isTrue();
            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY)).isFalse();
            assertThat(answer.verifiesWith(client.key())).isTrue();
        }

        @Test
        void sha1SignedRequestGetsASha1SignedAnswer() {
            TurnTestClient client = client(relay());

            TurnAnswer answer = client.request(TurnRequest.allocate());

            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY)).isTrue();
            assertThat(answer.has(AttributeType.MESSAGE_INTEGRITY_SHA256)).isFalse();
            assertThat(answer.verifiesWith(client.key())).isTrue();
        }

        @Test
        void fingerprintIsEchoedOnlyWhenTheRequestHadOne() {
            RelayUnderTest relay = relay();
            TurnTestClient client = client(relay);

            TurnAnswer challenge = client.send(TurnRequest.allocate().fingerprint());
            TurnAnswer withFingerprint = client.request(TurnRequest.allocate().fingerprint());
            TurnAnswer binding = client.send(TurnRequest.binding().fingerprint());
            TurnAnswer without = client(relay).request(TurnRequest.allocate());

            assertThat(challenge.hasValidFingerprint()).as("%s", challenge).isTrue();
            assertThat(withFingerprint.hasValidFingerprint()).as("%s", withFingerprint).isTrue();
            assertThat(withFingerprint.verifiesWith(client.key())).isTrue();
            assertThat(binding.hasValidFingerprint()).as("%s", binding).isTrue();
            assertThat(without.has(AttributeType.FINGERPRINT)).as("%s", without).isFalse();
        }
    }

    @Nested
    class RestCredentials {
        private static final String SECRET = "first-shared-secret";

        @TempDir
        Path secrets;

        private RelayUnderTest restRelay(String... flags) throws IOException {
            Files.writeString(secrets.resolve("current"), SECRET);
            String[] all = new String[flags.length + 2];
            all[0] = "--auth-secret-dir";
            all[1] = secrets.toString();
            System.arraycopy(flags, 0, all, 2, flags.length);
            return relay(all);
        }

        private TurnTestClient restClient(RelayUnderTest relay, String secret, long expiryEpochSeconds) {
            String username = EphemeralCredentials.username(expiryEpochSeconds, "alice");
            return client(relay).as(username, EphemeralCredentials.password(bytes(secret), username));
        }

        private long now() {
            return Instant.now().getEpochSecond();
        }

        @Test
        void credentialSignedWithTheSharedSecretIsAccepted() throws IOException {
            TurnTestClient client = restClient(restRelay(), SECRET, now() + 3600);

            TurnAnswer answer = client.request(TurnRequest.allocate());

            assertThat(answer.isSuccess()).as("%s", answer).isTrue();
        }

        @Test
        void credentialSignedWithAnotherSecretIsRefused() throws IOException {
            TurnTestClient client = restClient(restRelay(), "not-the-secret", now() + 3600);

            assertThat(client.request(TurnRequest.allocate()).code()).isEqualTo(401);
        }

        @Test
        void expiredCredentialCannotAllocate() throws IOException {
            TurnTestClient client = restClient(restRelay(), SECRET, now() - 60);

            TurnAnswer answer = client.request(TurnRequest.allocate());

            assertThat(answer.code()).as("%s", answer).isEqualTo(401);
        }

        @Test
        void expiredCredentialMayStillRefreshItsAllocationPermissionsAndChannelsByDefault() throws IOException {
            RelayUnderTest relay = restRelay();
            long expiry = now() + 2;
            TurnTestClient client = restClient(relay, SECRET, expiry);
            client.allocate();
            await().atMost(WAIT).until(() -> now() > expiry);

            TurnAnswer refresh = client.request(TurnRequest.refresh(600));
            TurnAnswer permission = client.request(TurnRequest.createPermission(PUBLIC_PEER));
            TurnAnswer channel = client.request(TurnRequest.channelBind(0x4000, PUBLIC_PEER));
            TurnAnswer secondAllocation = client.request(TurnRequest.of(Method.ALLOCATE).requestedTransport(17));

            assertThat(refresh.isSuccess()).as("%s", refresh).isTrue();
            assertThat(permission.isSuccess()).as("permissions would lapse after 300 s: %s", permission).isTrue();
            assertThat(channel.isSuccess()).as("%s", channel).isTrue();
            assertThat(secondAllocation.code()).as("nothing new with an expired credential: %s", secondAllocation)
                    .isEqualTo(401);
        }

        @Test
        void expiredCredentialCannotRefreshWhenAllowExpiredRefreshIsOff() throws IOException {
            RelayUnderTest relay = restRelay("--allow-expired-refresh=false");
            long expiry = now() + 2;
            TurnTestClient client = restClient(relay, SECRET, expiry);
            client.allocate();
            await().atMost(WAIT).until(() -> now() > expiry);

            TurnAnswer refresh = client.request(TurnRequest.refresh(600));
            TurnAnswer permission = client.request(TurnRequest.createPermission(PUBLIC_PEER));

            assertThat(refresh.code()).as("%s", refresh).isEqualTo(401);
            assertThat(permission.code()).as("%s", permission).isEqualTo(401);
        }

        @Test
        void secretChangedOnDiskIsUsedWithinFiveSecondsWithoutRestart() throws IOException {
            // Laid out like a mounted Kubernetes Secret: current -> ..data/current, ..data -> ..<version>
            Path first = Files.createDirectory(secrets.resolve("..v1"));
            Files.writeString(first.resolve("current"), SECRET);
            Files.createSymbolicLink(secrets.resolve("..data"), first.getFileName());
            Files.createSymbolicLink(secrets.resolve("current"), Path.of("..data", "current"));
            RelayUnderTest relay = relay("--auth-secret-dir", secrets.toString());
            restClient(relay, SECRET, now() + 3600).allocate();

            Path second = Files.createDirectory(secrets.resolve("..v2"));
            Files.writeString(second.resolve("current"), "second-shared-secret");
            Path swap = Files.createSymbolicLink(secrets.resolve("..data_tmp"), second.getFileName());
            Files.move(swap, secrets.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
            TurnTestClient rotated = restClient(relay, "second-shared-secret", now() + 3600);

            await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> rotated.sendSigned(TurnRequest.allocate()).isSuccess());
            TurnAnswer old = restClient(relay, SECRET, now() + 3600).request(TurnRequest.allocate());

            assertThat(old.code()).as("%s", old).isEqualTo(401);
            assertThat(relay.load().get("allocations").asInt()).as("the first allocation lives on").isEqualTo(2);
        }
    }

    @Nested
    class Ipv6 {

        @Test
        void ipv6RelayOnLoopbackRelaysBothWays() throws Exception {
            requireIpv6Loopback();
            InetAddress ipv6Loopback = ip("::1");
            RelayUnderTest relay = relay("--listen", "udp://[::1]:" + FreePorts.udp(ipv6Loopback),
                    "--allow-loopback-peers");
            TurnTestClient client = client(relay);
            UdpPeer echo = open(UdpPeer.echo(ipv6Loopback));

            TurnAnswer allocated = client.request(TurnRequest.allocate().requestedAddressFamily(TurnRequest.IPV6));
            assertThat(allocated.isSuccess()).as("%s", allocated).isTrue();
            InetSocketAddress relayed = relayedAddress(allocated);
            client.channelBind(0x4000, echo.address());
            client.sendChannelData(0x4000, bytes("over IPv6"));
            UdpPeer.Datagram atPeer = echo.receive(WAIT);
            TurnTestClient.Relayed atClient = client.receiveRelayed(WAIT);

            assertThat(relayed.getAddress()).isEqualTo(ipv6Loopback);
            assertThat(allocated.xorAddress(AttributeType.XOR_MAPPED_ADDRESS)).isEqualTo(client.localAddress());
            assertThat(atPeer.sender()).isEqualTo(relayed);
            assertThat(atPeer.text()).isEqualTo("over IPv6");
            assertThat(atClient.channel()).isEqualTo(0x4000);
            assertThat(atClient.text()).isEqualTo("over IPv6");
        }

        @Test
        void dataIndicationFromAnIpv6PeerNamesThatPeer() throws Exception {
            requireIpv6Loopback();
            InetAddress ipv6Loopback = ip("::1");
            RelayUnderTest relay = relay("--listen", "udp://[::1]:" + FreePorts.udp(ipv6Loopback),
                    "--allow-loopback-peers");
            TurnTestClient client = client(relay);
            UdpPeer peer = open(UdpPeer.listening(ipv6Loopback));
            InetSocketAddress relayed = relayedAddress(client.request(TurnRequest.allocate()
                    .requestedAddressFamily(TurnRequest.IPV6)));
            client.createPermission(peer.address());

            peer.send(relayed, bytes("from an IPv6 peer"));
            TurnTestClient.Relayed atClient = client.receiveRelayed(WAIT);

            assertThat(atClient.peer()).isEqualTo(peer.address());
            assertThat(atClient.text()).isEqualTo("from an IPv6 peer");
        }

        @Test
        void dualStackAllocationRelaysEachFamilyFromItsOwnRelayedAddress() throws Exception {
            requireIpv6Loopback();
            // Relay addresses from the listeners, not --relay-ip: a named address is the relay's own, where
            // peers are reachable only inside the relay port range, and these peers listen on loopback.
            TurnTestClient client = client(relay("--listen", "udp://127.0.0.1:" + FreePorts.udp(IPV4_LOOPBACK),
                    "--listen", "udp://[::1]:" + FreePorts.udp(ip("::1")), "--allow-loopback-peers"));
            UdpPeer ipv4Peer = open(UdpPeer.listening(IPV4_LOOPBACK));
            UdpPeer ipv6Peer = open(UdpPeer.listening(ip("::1")));
            TurnAnswer allocated = client.request(TurnRequest.allocate().additionalAddressFamily(TurnRequest.IPV6));
            assertThat(allocated.isSuccess()).as("%s", allocated).isTrue();
            InetSocketAddress relayedIpv4 = allocated.xorAddresses(AttributeType.XOR_RELAYED_ADDRESS).get(0);
            InetSocketAddress relayedIpv6 = allocated.xorAddresses(AttributeType.XOR_RELAYED_ADDRESS).get(1);
            client.createPermission(ipv4Peer.address(), ipv6Peer.address());

            client.indicate(TurnRequest.send(ipv4Peer.address(), bytes("to IPv4")));
            client.indicate(TurnRequest.send(ipv6Peer.address(), bytes("to IPv6")));

            assertThat(relayedIpv4.getAddress()).isEqualTo(IPV4_LOOPBACK);
            assertThat(relayedIpv6.getAddress()).isEqualTo(ip("::1"));
            assertThat(ipv4Peer.receive(WAIT).sender()).isEqualTo(relayedIpv4);
            assertThat(ipv6Peer.receive(WAIT).sender()).isEqualTo(relayedIpv6);
        }
    }
}
