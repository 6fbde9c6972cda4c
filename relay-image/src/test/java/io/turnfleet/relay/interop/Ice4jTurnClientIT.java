package io.turnfleet.relay.interop;

import static io.turnfleet.relay.interop.RelayUnderTest.PASSWORD;
import static io.turnfleet.relay.interop.RelayUnderTest.REALM;
import static io.turnfleet.relay.interop.RelayUnderTest.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.turnfleet.relay.interop.Ice4jTurnClient.Relayed;
import org.ice4j.attribute.Attribute;
import org.ice4j.attribute.AttributeFactory;
import org.ice4j.attribute.NonceAttribute;
import org.ice4j.attribute.RealmAttribute;
import org.ice4j.attribute.ReservationTokenAttribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay against Jitsi's ice4j as the client (RFC 8656 over UDP on loopback): every request,
 * indication and ChannelData is encoded by ice4j and every answer decoded by it. Expiry of
 * permissions and channels by time is covered by the unit tests of {@code turn} with an injected
 * clock; here Refresh decides an allocation's life.
 */
class Ice4jTurnClientIT {
    private static final int CHANNEL = 0x4001;
    private static final int PACKETS = 200;
    private static final long RELAY_WAIT_MILLIS = 5_000;
    private static final long SILENCE_MILLIS = 500;

    private static RelayUnderTest relay;
    private static UdpEchoPeer peer;

    @BeforeAll
    static void startRelayAndPeer() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        relay = RelayUnderTest.start(loopback);
        peer = UdpEchoPeer.start(loopback);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (peer != null) {
            peer.close();
        }
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void allocateIsChallengedThenGrantedWithLongTermCredentials() throws Exception {
        try (Ice4jTurnClient client = Ice4jTurnClient.connect(relay.listener())) {
            StunAnswer challenge = client.send(Ice4jTurnClient.allocateRequest());

            assertThat(challenge.response().getMessageType()).isEqualTo(Message.ALLOCATE_ERROR_RESPONSE);
            assertThat(challenge.errorCode()).isEqualTo(401);
            RealmAttribute realm = (RealmAttribute) challenge.response().getAttribute(Attribute.REALM);
            assertThat(new String(realm.getRealm(), StandardCharsets.UTF_8)).isEqualTo(REALM);
            assertThat(((NonceAttribute) challenge.response().getAttribute(Attribute.NONCE)).getNonce()).isNotEmpty();

            client.useCredentials(USER, PASSWORD, challenge);
            StunAnswer granted = client.send(Ice4jTurnClient.allocateRequest());

            assertThat(granted.response().getMessageType()).as("%s", granted).isEqualTo(Message.ALLOCATE_RESPONSE);
            assertThat(client.integrityHolds(granted)).as("ice4j verifies MESSAGE-INTEGRITY").isTrue();
            InetSocketAddress relayed = granted.xorAddress(Attribute.XOR_RELAYED_ADDRESS);
            assertThat(relayed.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
            assertThat(relayed.getPort()).isBetween(relay.relayPorts().min(), relay.relayPorts().max());
            assertThat(granted.xorAddress(Attribute.XOR_MAPPED_ADDRESS)).isEqualTo(client.localAddress());
            assertThat(granted.lifetimeSeconds()).isEqualTo(600);
        }
    }

    @Test
    void allocateWithWrongPasswordIsRefusedWith401() throws Exception {
        try (Ice4jTurnClient client = Ice4jTurnClient.connect(relay.listener())) {
            StunAnswer answer = client.allocate(USER, "not-" + PASSWORD);

            assertThat(answer.errorCode()).as("%s", answer).isEqualTo(401);
        }
    }

    @Test
    void channelDataReachesThePeerAndItsAnswersComeBackOnTheChannel() throws Exception {
        try (Ice4jTurnClient client = allocated()) {
            assertThat(client.createPermission(peer.address()).isSuccess()).isTrue();
            StunAnswer bound = client.channelBind(CHANNEL, peer.address());
            assertThat(bound.response().getMessageType()).as("%s", bound).isEqualTo(Message.CHANNELBIND_RESPONSE);
            assertThat(client.integrityHolds(bound)).isTrue();

            List<Relayed> echoes = new ArrayList<>();
            for (int i = 0; i < PACKETS; i++) {
                client.sendChannelData(CHANNEL, payload("channel", i));
                echoes.add(next(client));
            }

            for (int i = 0; i < PACKETS; i++) {
                assertThat(echoes.get(i).channel()).isEqualTo(CHANNEL);
                assertThat(echoes.get(i).data()).isEqualTo(payload("channel", i));
            }
        }
    }

    @Test
    void sendIndicationsReachThePeerAndAnswersComeBackAsDataIndications() throws Exception {
        try (Ice4jTurnClient client = allocated()) {
            assertThat(client.createPermission(peer.address()).isSuccess()).isTrue();

            List<Relayed> echoes = new ArrayList<>();
            for (int i = 0; i < PACKETS; i++) {
                client.sendIndication(peer.address(), payload("indication", i));
                echoes.add(next(client));
            }

            for (int i = 0; i < PACKETS; i++) {
                assertThat(echoes.get(i).channel()).isEqualTo(Relayed.NO_CHANNEL);
                assertThat(echoes.get(i).peer()).isEqualTo(peer.address());
                assertThat(echoes.get(i).data()).isEqualTo(payload("indication", i));
            }
        }
    }

    @Test
    void dataFromAPeerWithoutPermissionIsNotRelayed() throws Exception {
        try (Ice4jTurnClient client = allocated();
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress("127.0.0.2", 0))) {
            InetSocketAddress relayedAddress = client.relayedAddress();
            assertThat(client.createPermission(peer.address()).isSuccess()).isTrue();

            byte[] probe = payload("stranger", 0);
            stranger.send(new DatagramPacket(probe, probe.length, relayedAddress));
            client.sendIndication(peer.address(), payload("permitted", 1));

            Relayed first = next(client);
            assertThat(first.peer()).as("127.0.0.2 has no permission").isEqualTo(peer.address());
            assertThat(first.data()).isEqualTo(payload("permitted", 1));
            assertThat(client.nextRelayed(SILENCE_MILLIS)).as("127.0.0.2 has no permission").isNull();
        }
    }

    @Test
    void refreshKeepsTheAllocationRelaying() throws Exception {
        try (Ice4jTurnClient client = allocated()) {
            assertThat(client.createPermission(peer.address()).isSuccess()).isTrue();
            assertThat(client.channelBind(CHANNEL, peer.address()).isSuccess()).isTrue();

            StunAnswer refreshed = client.refresh(900);

            assertThat(refreshed.response().getMessageType()).as("%s", refreshed).isEqualTo(Message.REFRESH_RESPONSE);
            assertThat(client.integrityHolds(refreshed)).isTrue();
            assertThat(refreshed.lifetimeSeconds()).isEqualTo(900);
            client.sendChannelData(CHANNEL, payload("after-refresh", 1));
            assertThat(next(client).data()).isEqualTo(payload("after-refresh", 1));
        }
    }

    @Test
    void refreshWithZeroLifetimeFreesTheAllocation() throws Exception {
        try (Ice4jTurnClient client = allocated()) {
            InetSocketAddress relayedAddress = client.relayedAddress();
            assertThat(client.createPermission(peer.address()).isSuccess()).isTrue();
            assertThat(client.channelBind(CHANNEL, peer.address()).isSuccess()).isTrue();

            StunAnswer freed = client.refresh(0);

            assertThat(freed.isSuccess()).as("%s", freed).isTrue();
            assertThat(freed.lifetimeSeconds()).isZero();
            client.sendChannelData(CHANNEL, payload("after-free", 1));
            assertThat(client.nextRelayed(SILENCE_MILLIS)).as("nothing relays once freed").isNull();
            assertThat(client.createPermission(peer.address()).errorCode()).as("no allocation left").isEqualTo(437);
            await("relayed port " + relayedAddress + " released").atMost(Duration.ofSeconds(5))
                    .until(() -> relayedPortIsFree(relayedAddress));
            StunAnswer again = client.send(Ice4jTurnClient.allocateRequest());
            assertThat(again.isSuccess()).as("the 5-tuple may allocate again: %s", again).isTrue();
        }
    }

    @Test
    void ipv6RelayOnLoopbackRelaysBothWays() throws Exception {
        InetAddress ipv6Loopback = Loopback.requireIpv6();
        try (RelayUnderTest relay6 = startIpv6Relay(ipv6Loopback);
             UdpEchoPeer peer6 = UdpEchoPeer.start(ipv6Loopback);
             Ice4jTurnClient client = Ice4jTurnClient.connect(relay6.listener())) {
            StunAnswer granted = client.allocate(USER, PASSWORD,
                    Ice4jTurnClient.requestedAddressFamily(Ice4jTurnClient.FAMILY_IPV6));
            assertThat(granted.isSuccess()).as("%s", granted).isTrue();
            assertThat(granted.xorAddress(Attribute.XOR_RELAYED_ADDRESS).getAddress()).isEqualTo(ipv6Loopback);
            assertThat(granted.xorAddress(Attribute.XOR_MAPPED_ADDRESS)).isEqualTo(client.localAddress());

            assertThat(client.createPermission(peer6.address()).isSuccess()).isTrue();
            client.sendIndication(peer6.address(), payload("ipv6-indication", 1));
            Relayed indication = next(client);
            assertThat(indication.peer()).isEqualTo(peer6.address());
            assertThat(indication.data()).isEqualTo(payload("ipv6-indication", 1));

            assertThat(client.channelBind(CHANNEL, peer6.address()).isSuccess()).isTrue();
            client.sendChannelData(CHANNEL, payload("ipv6-channel", 2));
            Relayed channelData = next(client);
            assertThat(channelData.channel()).isEqualTo(CHANNEL);
            assertThat(channelData.data()).isEqualTo(payload("ipv6-channel", 2));
        }
    }

    @Test
    void reservationTokenOfAnIpv6AllocationRedeemsTheReservedIpv6Address() throws Exception {
        InetAddress ipv6Loopback = Loopback.requireIpv6();
        try (RelayUnderTest relay6 = startIpv6Relay(ipv6Loopback);
             Ice4jTurnClient rtp = Ice4jTurnClient.connect(relay6.listener());
             Ice4jTurnClient rtcp = Ice4jTurnClient.connect(relay6.listener())) {
            StunAnswer even = rtp.allocate(USER, PASSWORD,
                    Ice4jTurnClient.requestedAddressFamily(Ice4jTurnClient.FAMILY_IPV6),
                    Ice4jTurnClient.evenPortReservingNext());
            assertThat(even.isSuccess()).as("%s", even).isTrue();
            InetSocketAddress evenAddress = even.xorAddress(Attribute.XOR_RELAYED_ADDRESS);
            assertThat(evenAddress.getPort() % 2).isZero();
            byte[] token = ((ReservationTokenAttribute) even.response().getAttribute(Attribute.RESERVATION_TOKEN))
                    .getReservationToken();

            StunAnswer redeemed = rtcp.allocate(USER, PASSWORD, AttributeFactory.createReservationTokenAttribute(token));

            assertThat(redeemed.isSuccess()).as("%s", redeemed).isTrue();
            assertThat(redeemed.xorAddress(Attribute.XOR_RELAYED_ADDRESS)).as("RFC 8656 §7.2: the reserved address")
                    .isEqualTo(new InetSocketAddress(ipv6Loopback, evenAddress.getPort() + 1));
        }
    }

    private static RelayUnderTest startIpv6Relay(InetAddress ipv6Loopback) throws IOException {
        // The IPv6 relay address comes from the [::1] listener: --relay-ip ::1 would make ::1 the relay's own
        // address, where peers are reachable only inside the relay port range, and the peer listens there.
        return RelayUnderTest.start(ipv6Loopback, "--relay-ip", "127.0.0.1");
    }

    private static Ice4jTurnClient allocated() throws IOException {
        Ice4jTurnClient client = Ice4jTurnClient.connect(relay.listener());
        StunAnswer granted = client.allocate(USER, PASSWORD);
        if (!granted.isSuccess()) {
            throw new AssertionError("Allocate failed: " + granted);
        }
        return client;
    }

    private static boolean relayedPortIsFree(InetSocketAddress address) {
        try (DatagramSocket probe = new DatagramSocket(address)) {
            return true;
        } catch (BindException e) {
            return false;
        } catch (SocketException e) {
            throw new AssertionError(e);
        }
    }

    private static Relayed next(Ice4jTurnClient client) throws InterruptedException {
        Relayed relayed = client.nextRelayed(RELAY_WAIT_MILLIS);
        if (relayed == null) {
            throw new AssertionError("nothing relayed back within " + RELAY_WAIT_MILLIS + " ms; undecodable: "
                    + client.undecodable());
        }
        return relayed;
    }

    private static byte[] payload(String label, int sequence) {
        return (label + " #" + sequence).getBytes(StandardCharsets.UTF_8);
    }
}
