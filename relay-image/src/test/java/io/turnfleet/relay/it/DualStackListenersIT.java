package io.turnfleet.relay.it;

import io.turnfleet.relay.stun.AttributeType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The listeners a dual-stack node gets from the operator: one per family on the same port
 * ({@code udp://0.0.0.0:P} and {@code udp://[::]:P}), advertised addresses from the fleet file, one
 * per family. Each family is served on sockets of its own (IPV6_V6ONLY), so both wildcards share a
 * port and an IPv6-only node's relay becomes ready without any IPv4 address.
 */
@ExtendWith(NettyLeakCheck.class)
class DualStackListenersIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress IPV4_LOOPBACK = address("127.0.0.1");
    private static final InetAddress IPV6_LOOPBACK = address("::1");

    private final OpenedResources opened = new OpenedResources();

    @TempDir
    Path files;

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    @Test
    void wildcardListenersOfBothFamiliesShareAPortAndEachFamilyIsRelayedFromItsOwnAddress() throws Exception {
        requireIpv6Loopback();
        int udp = FreePorts.udp(address("::"));
        int tcp = FreePorts.tcp(address("::"));
        Path advertised = Files.writeString(files.resolve("node-a"), "127.0.0.1\n::1\n");
        RelayUnderTest relay = open(RelayUnderTest.start(
                "--listen", "udp://0.0.0.0:" + udp, "--listen", "udp://[::]:" + udp,
                "--listen", "tcp://0.0.0.0:" + tcp, "--listen", "tcp://[::]:" + tcp,
                "--external-ip-file", advertised.toString(), "--allow-loopback-peers"));
        await().atMost(WAIT).until(() -> relay.admin("/readyz").statusCode() == 200);

        relaysThroughOwnFamily(new InetSocketAddress(IPV4_LOOPBACK, udp), IPV4_LOOPBACK, null);
        relaysThroughOwnFamily(new InetSocketAddress(IPV6_LOOPBACK, udp), IPV6_LOOPBACK, TurnRequest.IPV6);
        try (Socket overIpv4 = new Socket(IPV4_LOOPBACK, tcp); Socket overIpv6 = new Socket(IPV6_LOOPBACK, tcp)) {
            assertThat(overIpv4.isConnected()).isTrue();
            assertThat(overIpv6.isConnected()).isTrue();
        }
    }

    @Test
    void specificListenersOnBothLoopbacksServeBothFamilies() throws Exception {
        requireIpv6Loopback();
        int v4 = FreePorts.udp(IPV4_LOOPBACK);
        int v6 = FreePorts.udp(IPV6_LOOPBACK);
        open(RelayUnderTest.start(
                "--listen", "udp://127.0.0.1:" + v4, "--listen", "udp://[::1]:" + v6, "--allow-loopback-peers"));

        relaysThroughOwnFamily(new InetSocketAddress(IPV4_LOOPBACK, v4), IPV4_LOOPBACK, null);
        relaysThroughOwnFamily(new InetSocketAddress(IPV6_LOOPBACK, v6), IPV6_LOOPBACK, TurnRequest.IPV6);
    }

    @Test
    void relayOnAnIpv6OnlyNodeBecomesReadyAndRelays() throws Exception {
        requireIpv6Loopback();
        int udp = FreePorts.udp(address("::"));
        Path advertised = Files.writeString(files.resolve("node-v6"), "::1\n");
        RelayUnderTest relay = open(RelayUnderTest.start("--listen", "udp://[::]:" + udp,
                "--external-ip-file", advertised.toString(), "--allow-loopback-peers"));

        await().atMost(WAIT).until(() -> relay.admin("/readyz").statusCode() == 200);
        relaysThroughOwnFamily(new InetSocketAddress(IPV6_LOOPBACK, udp), IPV6_LOOPBACK, TurnRequest.IPV6);
        TurnAnswer ipv4Asked = open(new TurnTestClient(new InetSocketAddress(IPV6_LOOPBACK, udp))
                .as(RelayUnderTest.ALICE, RelayUnderTest.ALICE_PASSWORD)).request(TurnRequest.allocate());
        assertThat(ipv4Asked.code()).as("no IPv4 relayed address on an IPv6-only node: %s", ipv4Asked).isEqualTo(440);
    }

    /** Allocates through {@code listener}, relays to an echo peer of the same family and back. */
    private void relaysThroughOwnFamily(InetSocketAddress listener, InetAddress family, Integer requestedFamily) {
        TurnTestClient client = open(new TurnTestClient(listener)
                .as(RelayUnderTest.ALICE, RelayUnderTest.ALICE_PASSWORD));
        UdpPeer echo = open(UdpPeer.echo(family));
        TurnRequest allocate = TurnRequest.allocate();
        TurnAnswer allocated = client.request(requestedFamily == null ? allocate
                : allocate.requestedAddressFamily(requestedFamily));
        assertThat(allocated.isSuccess()).as("%s", allocated).isTrue();
        InetSocketAddress relayed = TurnTestClient.relayedAddress(allocated);
        assertThat(relayed.getAddress()).isEqualTo(family);
        assertThat(allocated.xorAddress(AttributeType.XOR_MAPPED_ADDRESS).getAddress())
                .as("the client is seen in its own family, not as an IPv4-mapped address").isEqualTo(family);

        client.channelBind(0x4000, echo.address());
        client.sendChannelData(0x4000, "hello".getBytes(StandardCharsets.UTF_8));
        UdpPeer.Datagram atPeer = echo.receive(WAIT);
        TurnTestClient.Relayed back = client.receiveRelayed(WAIT);

        assertThat(atPeer.sender()).isEqualTo(relayed);
        assertThat(back.text()).isEqualTo("hello");
    }

    private static void requireIpv6Loopback() throws IOException {
        NetworkInterface loopback = NetworkInterface.getByInetAddress(IPV4_LOOPBACK);
        boolean hasIpv6 = loopback != null && Collections.list(loopback.getInetAddresses()).stream()
                .anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress());
        assertThat(hasIpv6).as("IPv6 loopback ::1 is not configured, so dual-stack listeners cannot be tested;"
                + " enable it with `sudo sysctl -w net.ipv6.conf.lo.disable_ipv6=0`").isTrue();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
