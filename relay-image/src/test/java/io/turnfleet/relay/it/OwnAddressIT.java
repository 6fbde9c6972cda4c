package io.turnfleet.relay.it;

import io.turnfleet.relay.turn.IpLiteral;
import io.turnfleet.relay.stun.AttributeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's own addresses are peers only on ports inside the relay port range (design.md, safety
 * defaults), even with --allow-loopback-peers: the measurement of issue 10 point 1, over real UDP
 * sockets. The relay serves 127.0.0.5 (--relay-ip and --external-ip); peers listen on 127.0.0.5 at
 * ephemeral ports, which lie above every test relay port range (see {@link FreePorts}).
 */
@ExtendWith(NettyLeakCheck.class)
class OwnAddressIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    /** Long enough for a relayed datagram on loopback, which takes well under a millisecond. */
    private static final Duration SILENCE = Duration.ofMillis(300);
    private static final InetAddress RELAY_IP = ip("127.0.0.5");
    /** Another relay node of the fleet, known only from the fleet addresses file. */
    private static final InetAddress OTHER_NODE = ip("127.0.0.6");
    private static final String OWN_ADDRESS_DROPS = "reason=\"own_address\"";
    private static final String DROPS = "turnfleet_dropped_packets_total";

    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    private RelayUnderTest relay(String... extraFlags) {
        String[] flags = new String[extraFlags.length + 5];
        System.arraycopy(new String[] {"--relay-ip", "127.0.0.5", "--external-ip", "127.0.0.5",
                "--allow-loopback-peers"}, 0, flags, 0, 5);
        System.arraycopy(extraFlags, 0, flags, 5, extraFlags.length);
        return open(RelayUnderTest.start(flags));
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.toInetAddress(literal);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void sendIndicationToTheRelayAddressOutsideThePortRangeIsDroppedAndCounted() {
        RelayUnderTest relay = relay();
        TurnTestClient client = open(relay.client());
        client.allocate();
        UdpPeer nodeService = open(UdpPeer.listening(RELAY_IP));
        client.createPermission(nodeService.address());

        client.indicate(TurnRequest.send(nodeService.address(), bytes("to the node")));

        await().atMost(WAIT).until(() -> relay.metric(DROPS, OWN_ADDRESS_DROPS) >= 1);
        sleep(SILENCE);
        assertThat(nodeService.receivedSoFar()).as("nothing reached %s", nodeService.address()).isEmpty();
    }

    @Test
    void channelBindToTheRelayAddressOutsideThePortRangeIsForbiddenAndItsChannelDataGoesNowhere() {
        RelayUnderTest relay = relay();
        TurnTestClient client = open(relay.client());
        client.allocate();
        UdpPeer nodeService = open(UdpPeer.listening(RELAY_IP));

        TurnAnswer bind = client.request(TurnRequest.channelBind(0x4000, nodeService.address()));
        client.sendChannelData(0x4000, bytes("to the node"));

        assertThat(bind.code()).as("%s", bind).isEqualTo(403);
        await().atMost(WAIT).until(() -> relay.metric(DROPS, "reason=\"no_channel\"") >= 1);
        assertThat(nodeService.receivedSoFar()).isEmpty();
    }

    @Test
    void clientsReachEachOthersRelayedAddressesInsideThePortRange() {
        RelayUnderTest relay = relay();
        TurnTestClient alice = open(relay.client());
        TurnTestClient bob = open(relay.client());
        InetSocketAddress aliceRelayed = alice.allocate();
        InetSocketAddress bobRelayed = bob.allocate();
        assertThat(bobRelayed.getAddress()).isEqualTo(RELAY_IP);
        alice.createPermission(bobRelayed);
        bob.createPermission(aliceRelayed);
        alice.channelBind(0x4001, bobRelayed);

        alice.indicate(TurnRequest.send(bobRelayed, bytes("by indication")));
        alice.sendChannelData(0x4001, bytes("by channel"));

        TurnTestClient.Relayed first = bob.receiveRelayed(WAIT);
        TurnTestClient.Relayed second = bob.receiveRelayed(WAIT);
        assertThat(first.peer()).isEqualTo(aliceRelayed);
        assertThat(first.text()).isEqualTo("by indication");
        assertThat(second.peer()).isEqualTo(aliceRelayed);
        assertThat(second.text()).isEqualTo("by channel");
    }

    @Test
    void datagramsFromTheRelayAddressOutsideThePortRangeAreNotDelivered() {
        RelayUnderTest relay = relay();
        TurnTestClient client = open(relay.client());
        InetSocketAddress relayed = client.allocate();
        UdpPeer nodeService = open(UdpPeer.listening(RELAY_IP));
        client.createPermission(nodeService.address());

        nodeService.send(relayed, bytes("from the node"));

        await().atMost(WAIT).until(() -> relay.metric(DROPS, OWN_ADDRESS_DROPS) >= 1);
        assertThat(relay.metric("turnfleet_relayed_packets_total", "direction=\"peer_to_client\"")).isZero();
    }

    @Test
    void aRelayThatJoinsTheFleetFileStopsBeingAPeerOutsideThePortRange(@TempDir Path files) throws IOException {
        Path fleet = Files.writeString(files.resolve("alternates"), "");
        RelayUnderTest relay = relay("--alternate-servers-file", fleet.toString());
        TurnTestClient client = open(relay.client());
        client.allocate();
        UdpPeer otherRelay = open(UdpPeer.listening(ip("127.0.0.7")));
        client.channelBind(0x4002, otherRelay.address());
        client.sendChannelData(0x4002, bytes("before"));
        assertThat(otherRelay.receive(WAIT).text()).isEqualTo("before");

        Files.writeString(fleet, "127.0.0.7:3478\n");
        await().atMost(WAIT).until(() -> {
            client.sendChannelData(0x4002, bytes("after"));
            return relay.metric(DROPS, OWN_ADDRESS_DROPS) >= 1;
        });

        int deliveredWhileReloading = otherRelay.receivedSoFar().size();
        client.sendChannelData(0x4002, bytes("after the reload"));
        sleep(SILENCE);
        assertThat(otherRelay.receivedSoFar()).as("ChannelData on a binding made before")
                .hasSize(deliveredWhileReloading);
        TurnAnswer rebind = client.request(TurnRequest.channelBind(0x4003, otherRelay.address()));
        assertThat(rebind.code()).as("%s", rebind).isEqualTo(403);
        assertThat(rebind.has(AttributeType.MESSAGE_INTEGRITY)).isTrue();
    }

    @Test
    void anotherNodeOfTheFleetAddressesFileIsAPeerOnlyInsideThePortRange(@TempDir Path files) throws IOException {
        Path fleet = files.resolve("relay-addresses");
        String relayPorts = FreePorts.udpRange(20);
        int insideRange = Integer.parseInt(relayPorts.substring(relayPorts.indexOf('-') + 1));
        RelayUnderTest relay = relay("--fleet-addresses-file", fleet.toString(), "--relay-ports", relayPorts);
        TurnTestClient client = open(relay.client());
        client.allocate();
        UdpPeer nodeService = open(UdpPeer.listening(OTHER_NODE));
        UdpPeer otherRelay = open(UdpPeer.listening(new InetSocketAddress(OTHER_NODE, insideRange)));
        client.channelBind(0x4004, nodeService.address());
        client.sendChannelData(0x4004, bytes("before"));
        assertThat(nodeService.receive(WAIT).text()).as("no file yet: not own").isEqualTo("before");

        Files.writeString(fleet, "# every address of every relay node\n" + OTHER_NODE.getHostAddress()
                + "\nnode-b.example\n");
        await().atMost(WAIT).until(() -> {
            client.sendChannelData(0x4004, bytes("after"));
            return relay.metric(DROPS, OWN_ADDRESS_DROPS) >= 1;
        });

        TurnAnswer outside = client.request(TurnRequest.channelBind(0x4005, nodeService.address()));
        assertThat(outside.code()).as("%s", outside).isEqualTo(403);
        client.channelBind(0x4006, otherRelay.address());
        client.sendChannelData(0x4006, bytes("to a relayed address"));
        assertThat(otherRelay.receive(WAIT).text()).isEqualTo("to a relayed address");
        client.createPermission(nodeService.address());
        int deliveredBefore = nodeService.receivedSoFar().size();
        client.indicate(TurnRequest.send(nodeService.address(), bytes("to the kubelet")));
        sleep(SILENCE);
        assertThat(nodeService.receivedSoFar()).as("nothing more reached %s", nodeService.address())
                .hasSize(deliveredBefore);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
