package io.turnfleet.relay.stream;

import io.turnfleet.relay.turn.IpLiteral;
import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.it.OpenedResources;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.Method;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6062 under the own-address rule (design.md, safety defaults): with --relay-ip and
 * --external-ip 127.0.0.5 and loopback peers allowed, TCP to or from 127.0.0.5 is relayed only on
 * ports inside the relay port range. Peer sockets on 127.0.0.5 use ephemeral ports, above every test
 * relay port range.
 */
class OwnAddressTcpIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final InetAddress RELAY_IP = ip("127.0.0.5");

    private static RelayUnderTest relay;
    private final OpenedResources open = new OpenedResources();

    @BeforeAll
    static void startRelayOn127005() throws IOException {
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(List.of("--relay-ip", "127.0.0.5", "--external-ip", "127.0.0.5"));
        relay = RelayUnderTest.start(flags);
    }

    @AfterAll
    static void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @AfterEach
    void closeEverything() throws Exception {
        open.closeAll();
    }

    private static InetAddress ip(String literal) {
        return IpLiteral.toInetAddress(literal);
    }

    @Test
    void connectToTheRelayAddressOutsideThePortRangeIsRefusedWith403() throws Exception {
        TurnClient client = open.open(relay.tcpClient());
        client.allocate(TurnClient.TCP);
        ServerSocket nodeService = open.open(new ServerSocket(0, 50, RELAY_IP));
        double rejectedBefore = relay.metric("turnfleet_peer_policy_rejections_total");

        Received answer = client.connect(new InetSocketAddress(RELAY_IP, nodeService.getLocalPort()));

        assertThat(answer.errorCode()).isEqualTo(403);
        assertThat(relay.metric("turnfleet_peer_policy_rejections_total")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void connectToAnotherClientsRelayedAddressInsideThePortRangeReachesIt() throws Exception {
        TurnClient alice = open.open(relay.tcpClient());
        TurnClient bob = open.open(relay.tcpClient());
        InetSocketAddress aliceRelayed = alice.allocate(TurnClient.TCP);
        InetSocketAddress bobRelayed = bob.allocate(TurnClient.TCP);
        bob.createPermission(aliceRelayed);

        Received connected = alice.connect(bobRelayed);
        Received attempt = bob.next(WAIT);

        assertThat(connected.isSuccess()).as("%s", connected).isTrue();
        assertThat(attempt).as("ConnectionAttempt at bob").isNotNull();
        assertThat(attempt.method()).isEqualTo(Method.CONNECTION_ATTEMPT);
        assertThat(attempt.xorAddress(AttributeType.XOR_PEER_ADDRESS)).isEqualTo(aliceRelayed);
    }

    @Test
    void aConnectionFromTheRelayAddressOutsideThePortRangeIsRefused() throws Exception {
        TurnClient control = open.open(relay.tcpClient());
        InetSocketAddress relayed = control.allocate(TurnClient.TCP);
        control.createPermission(new InetSocketAddress(RELAY_IP, 9));
        double droppedBefore = relay.metric("turnfleet_dropped_packets_total", "reason", "own_address");

        Socket nodeService = open.open(new Socket(relayed.getAddress(), relayed.getPort(), RELAY_IP, 0));

        assertThat(readAfterClose(nodeService)).as("closed by the relay").isEqualTo(-1);
        assertThat(control.next(Duration.ofMillis(500))).as("no ConnectionAttempt").isNull();
        assertThat(relay.metric("turnfleet_dropped_packets_total", "reason", "own_address"))
                .isEqualTo(droppedBefore + 1);
    }

    private static int readAfterClose(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }
}
