package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.it.OpenedResources;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RFC 6062 TCP relay allocations: Connect and ConnectionBind for connections to peers, the
 * ConnectionAttempt indication for connections from peers, and their errors (400, 403, 446, 447).
 */
class TcpRelayIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** RFC 6062 §5.2 and §5.3: a peer connection waits at most 30 s for its ConnectionBind. */
    private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);
    private static final String OTHER_USER = "bob";
    private static final String OTHER_PASSWORD = "builder";
    private static final long STREAM_BYTES = 128L * 1024 * 1024;
    /**
     * Kernel socket buffers on loopback grow to tens of MB (tcp_rmem up to 32 MB here); the relay
     * itself holds at most its write buffer's high-water mark per direction.
     */
    private static final long IN_FLIGHT_BOUND = 64L * 1024 * 1024;

    private static RelayUnderTest relay;
    private final OpenedResources open = new OpenedResources();

    @BeforeAll
    static void startRelayWithTcpAndUdpListeners() throws IOException {
        List<String> flags = new ArrayList<>(RelayUnderTest.listen(Transport.TCP));
        flags.addAll(RelayUnderTest.listen(Transport.UDP));
        flags.addAll(List.of("--user", OTHER_USER + ":" + OTHER_PASSWORD));
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

    @Test
    void aTcpAllocateOverUdpIsRefusedWith400() throws Exception {
        TurnClient client = keep(relay.udpClient());

        Received answer = client.allocateAnswer(TurnClient.TCP);

        assertThat(answer.messageClass()).isEqualTo(MessageClass.ERROR_RESPONSE);
        assertThat(answer.errorCode()).isEqualTo(400);
    }

    @Test
    void connectWithoutATcpAllocationIsRefusedWith400() throws Exception {
        TurnClient client = keep(relay.tcpClient());
        client.allocate(TurnClient.UDP);
        ServerSocket peer = keep(peerListener());

        assertThat(client.connect(address(peer)).errorCode()).isEqualTo(400);
    }

    @Test
    void connectToAPeerNobodyListensOnFailsWith447() throws Exception {
        TurnClient client = keep(relay.tcpClient());
        client.allocate(TurnClient.TCP);
        InetSocketAddress nobody = new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePort.tcp());

        Received answer = client.connect(nobody);

        assertThat(answer.errorCode()).isEqualTo(447);
        assertThat(answer.has(AttributeType.CONNECTION_ID)).isFalse();
    }

    @Test
    void connectToADeniedPeerIsRefusedWith403LikeAPermission() throws Exception {
        TurnClient client = keep(relay.tcpClient());
        client.allocate(TurnClient.TCP);
        double rejectedBefore = relay.metric("turnfleet_peer_policy_rejections_total");

        Received answer = client.connect(new InetSocketAddress("169.254.169.254", 80));

        assertThat(answer.errorCode()).isEqualTo(403);
        assertThat(relay.metric("turnfleet_peer_policy_rejections_total")).isEqualTo(rejectedBefore + 1);
    }

    @Test
    void aSecondConnectToTheSamePeerFailsWith446() throws Exception {
        TurnClient client = keep(relay.tcpClient());
        client.allocate(TurnClient.TCP);
        ServerSocket peer = keep(peerListener());
        TurnClient.success(client.connect(address(peer)));

        Received second = client.connect(address(peer));

        assertThat(second.errorCode()).isEqualTo(446);
    }

    @Test
    void connectionBindWithAnUnknownConnectionIdIsRefusedWith400() throws Exception {
        TurnClient data = keep(relay.tcpClient());

        assertThat(data.connectionBind(0x12345678L).errorCode()).isEqualTo(400);
    }

    @Test
    void connectionBindOnTheControlConnectionIsRefusedWith400AndTheIdStaysBindable() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        control.allocate(TurnClient.TCP);
        ServerSocket peerListener = keep(peerListener());
        long connectionId = TurnClient.success(control.connect(address(peerListener)))
                .unsignedInt(AttributeType.CONNECTION_ID);
        Socket peer = keep(peerListener.accept());

        assertThat(control.connectionBind(connectionId).errorCode()).isEqualTo(400);

        assertPipes(bindDataConnection(connectionId), peer);
    }

    @Test
    void connectionBindByAnotherUserIsRefusedWith441AndTheOwnerCanStillBind() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        control.allocate(TurnClient.TCP);
        ServerSocket peerListener = keep(peerListener());
        long connectionId = TurnClient.success(control.connect(address(peerListener)))
                .unsignedInt(AttributeType.CONNECTION_ID);
        Socket peer = keep(peerListener.accept());
        InetSocketAddress tcp = relay.address(Transport.TCP);
        TurnClient intruder = keep(new TurnClient(new StreamWire(new Socket(tcp.getAddress(), tcp.getPort())),
                OTHER_USER, OTHER_PASSWORD));

        assertThat(intruder.connectionBind(connectionId).errorCode()).isEqualTo(441);

        assertPipes(bindDataConnection(connectionId), peer);
    }

    @Test
    void connectThenConnectionBindPipesBytesBetweenTheDataConnectionAndThePeer() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        InetSocketAddress relayed = control.allocate(TurnClient.TCP);
        ServerSocket peerListener = keep(peerListener());

        Received connected = TurnClient.success(control.connect(address(peerListener)));
        long connectionId = connected.unsignedInt(AttributeType.CONNECTION_ID);
        Socket peer = keep(peerListener.accept());
        assertThat(peer.getPort()).as("the relay connects from the relayed address").isEqualTo(relayed.getPort());

        Socket data = bindDataConnection(connectionId);
        assertPipes(data, peer);
    }

    @Test
    void aPeerConnectingWithAPermissionYieldsAConnectionAttemptThatBindsIntoAPipe() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        InetSocketAddress relayed = control.allocate(TurnClient.TCP);
        control.createPermission(new InetSocketAddress(InetAddress.getLoopbackAddress(), 9));

        Socket peer = keep(new Socket(relayed.getAddress(), relayed.getPort()));
        Received attempt = control.next(WAIT);

        assertThat(attempt).as("ConnectionAttempt indication").isNotNull();
        assertThat(attempt.method()).isEqualTo(Method.CONNECTION_ATTEMPT);
        assertThat(attempt.messageClass()).isEqualTo(MessageClass.INDICATION);
        assertThat(attempt.xorAddress(AttributeType.XOR_PEER_ADDRESS))
                .isEqualTo(new InetSocketAddress(peer.getLocalAddress(), peer.getLocalPort()));
        Socket data = bindDataConnection(attempt.unsignedInt(AttributeType.CONNECTION_ID));
        assertPipes(data, peer);
    }

    @Test
    void aPeerConnectingWithoutAPermissionIsClosedAtOnceAndNotAnnounced() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        InetSocketAddress relayed = control.allocate(TurnClient.TCP);

        Socket peer = keep(new Socket(relayed.getAddress(), relayed.getPort()));

        assertThat(readAfterClose(peer, WAIT)).as("closed by the relay").isEqualTo(-1);
        assertThat(control.next(Duration.ofMillis(500))).as("no ConnectionAttempt").isNull();
    }

    @Test
    void aPeerConnectionNotBoundWithin30SecondsIsClosedAndItsIdForgotten() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        control.allocate(TurnClient.TCP);
        ServerSocket peerListener = keep(peerListener());
        Received connected = TurnClient.success(control.connect(address(peerListener)));
        long boundBy = System.nanoTime();
        Socket peer = keep(peerListener.accept());

        assertThat(readAfterClose(peer, BIND_TIMEOUT.plusSeconds(15))).as("closed by the relay").isEqualTo(-1);
        assertThat(Duration.ofNanos(System.nanoTime() - boundBy)).isGreaterThanOrEqualTo(BIND_TIMEOUT.minusSeconds(1));

        TurnClient late = keep(relay.tcpClient());
        assertThat(late.connectionBind(connected.unsignedInt(AttributeType.CONNECTION_ID)).errorCode())
                .isEqualTo(400);
    }

    /**
     * RFC 6062 §5.5 relays a byte stream: a peer that stops reading must hold the client back through
     * TCP flow control (the relay stops reading too), and no byte may be lost or queued without bound.
     */
    @Test
    void aPeerThatDoesNotReadHoldsTheClientBackAndLosesNothing() throws Exception {
        TurnClient control = keep(relay.tcpClient());
        control.allocate(TurnClient.TCP);
        ServerSocket peerListener = keep(peerListener());
        peerListener.setReceiveBufferSize(64 * 1024);
        long connectionId = TurnClient.success(control.connect(address(peerListener)))
                .unsignedInt(AttributeType.CONNECTION_ID);
        Socket peer = keep(peerListener.accept());
        Socket data = bindDataConnection(connectionId);
        AtomicLong written = new AtomicLong();
        Thread writer = new Thread(() -> writePattern(data, written), "client-writer");
        writer.setDaemon(true);
        writer.start();

        long stalledAt = awaitStall(written);
        assertThat(stalledAt).as("bytes the client could write while the peer read nothing")
                .isLessThan(IN_FLIGHT_BOUND).isLessThan(STREAM_BYTES);

        InputStream in = peer.getInputStream();
        peer.setSoTimeout((int) WAIT.toMillis());
        byte[] chunk = new byte[64 * 1024];
        long received = 0;
        while (received < STREAM_BYTES) {
            int n = in.read(chunk);
            assertThat(n).as("stream ended after %d bytes", received).isPositive();
            for (int i = 0; i < n; i++) {
                if (chunk[i] != patternByte(received + i)) {
                    throw new AssertionError("byte " + (received + i) + " differs: lost or reordered");
                }
            }
            received += n;
        }
        writer.join(WAIT.toMillis());
        assertThat(written.get()).isEqualTo(STREAM_BYTES);
    }

    private static void writePattern(Socket data, AtomicLong written) {
        byte[] chunk = new byte[64 * 1024];
        try {
            OutputStream out = data.getOutputStream();
            while (written.get() < STREAM_BYTES) {
                long offset = written.get();
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = patternByte(offset + i);
                }
                out.write(chunk);
                written.addAndGet(chunk.length);
            }
        } catch (IOException e) {
            throw new IllegalStateException("client write failed after " + written.get() + " bytes", e);
        }
    }

    private static byte patternByte(long position) {
        return (byte) (position * 7 + (position >>> 16));
    }

    /** Waits until the writer made no progress for a second; returns how far it got. */
    private static long awaitStall(AtomicLong written) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = written.get();
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1_000);
        }
        throw new AssertionError("the client kept writing: " + written.get() + " bytes");
    }

    /** A new connection to the relay that sends ConnectionBind and, answered, carries raw bytes. */
    private Socket bindDataConnection(long connectionId) throws IOException {
        TurnClient data = keep(relay.tcpClient());
        Received bound = data.connectionBind(connectionId);
        assertThat(bound.isSuccess()).as("ConnectionBind answered %s", bound).isTrue();
        return ((StreamWire) data.wire()).socket();
    }

    private static void assertPipes(Socket data, Socket peer) throws IOException {
        byte[] toPeer = "bytes for the peer, not STUN at all".getBytes(StandardCharsets.UTF_8);
        data.getOutputStream().write(toPeer);
        assertThat(readExactly(peer, toPeer.length)).isEqualTo(toPeer);

        byte[] toClient = new byte[100_000];
        for (int i = 0; i < toClient.length; i++) {
            toClient[i] = (byte) (i * 31);
        }
        OutputStream peerOut = peer.getOutputStream();
        peerOut.write(toClient);
        peerOut.flush();
        assertThat(readExactly(data, toClient.length)).isEqualTo(toClient);
    }

    private static byte[] readExactly(Socket socket, int length) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        byte[] bytes = new byte[length];
        new DataInputStream(socket.getInputStream()).readFully(bytes);
        return bytes;
    }

    /** Reads until the other side closes: -1, or the first byte if something came instead. */
    private static int readAfterClose(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            return in.read();
        } catch (SocketTimeoutException e) {
            return -2;
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private static ServerSocket peerListener() throws IOException {
        return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    private static InetSocketAddress address(ServerSocket socket) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), socket.getLocalPort());
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        return open.open(closeable);
    }
}
