package io.turnfleet.relay.it;

import io.turnfleet.relay.config.UdpIo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Both ways of driving UDP sockets ({@code --udp-io native|netty}) relay the same: the native path is
 * what every other UDP test runs on (the default on Linux), so the Netty fallback is exercised here.
 */
@ExtendWith(NettyLeakCheck.class)
class UdpIoIT {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final InetAddress IPV4_LOOPBACK = InetAddress.getLoopbackAddress();

    private final OpenedResources opened = new OpenedResources();

    @AfterEach
    void closeEverythingOpened() throws Exception {
        opened.closeAll();
    }

    private <T extends AutoCloseable> T open(T resource) {
        return opened.open(resource);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theNativePathIsTheDefaultOnLinuxWithEpoll() {
        RelayUnderTest relay = open(RelayUnderTest.start("--allow-loopback-peers"));
        assertThat(relay.relay().server().context().udpIo()).isEqualTo(UdpIo.NATIVE);
    }

    @ParameterizedTest(name = "--udp-io {0}")
    @ValueSource(strings = {"native", "netty"})
    void channelDataAndIndicationsAreRelayedBothWays(String udpIo) {
        RelayUnderTest relay = open(RelayUnderTest.start("--allow-loopback-peers", "--udp-io", udpIo));
        assertThat(relay.relay().server().context().udpIo().name()).isEqualToIgnoringCase(udpIo);
        TurnTestClient client = open(relay.client());
        UdpPeer echo = open(UdpPeer.echo(IPV4_LOOPBACK));
        InetSocketAddress relayed = client.allocate();
        client.createPermission(echo.address());

        client.indicate(TurnRequest.send(echo.address(), bytes("indicated")));
        UdpPeer.Datagram indicated = echo.receive(WAIT);
        TurnTestClient.Relayed asData = client.receiveRelayed(WAIT);
        client.channelBind(0x4001, echo.address());
        client.sendChannelData(0x4001, bytes("channelled"));
        UdpPeer.Datagram channelled = echo.receive(WAIT);
        TurnTestClient.Relayed asChannelData = client.receiveRelayed(WAIT);

        assertThat(indicated.sender()).isEqualTo(relayed);
        assertThat(indicated.text()).isEqualTo("indicated");
        assertThat(asData.channel()).isEqualTo(-1);
        assertThat(asData.text()).isEqualTo("indicated");
        assertThat(channelled.sender()).isEqualTo(relayed);
        assertThat(asChannelData.channel()).isEqualTo(0x4001);
        assertThat(asChannelData.text()).isEqualTo("channelled");
    }

    @ParameterizedTest(name = "--udp-io {0}")
    @ValueSource(strings = {"native", "netty"})
    void relaySocketsAreClosedWhenAllocationsEnd(String udpIo) throws Exception {
        RelayUnderTest relay = open(RelayUnderTest.start("--allow-loopback-peers", "--udp-io", udpIo));
        List<TurnTestClient> clients = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            clients.add(open(relay.client()));
        }
        // One allocation first: the event loop's own descriptors and buffers exist before counting.
        TurnTestClient first = clients.get(0);
        first.allocate();
        long before = openDescriptors();
        for (TurnTestClient client : clients.subList(1, clients.size())) {
            client.allocate();
        }
        assertThat(openDescriptors()).isGreaterThanOrEqualTo(before + 9);
        for (TurnTestClient client : clients.subList(1, clients.size())) {
            assertThat(client.request(TurnRequest.refresh(0)).isSuccess()).isTrue();
        }
        assertThat(openDescriptors()).isEqualTo(before);
    }

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
