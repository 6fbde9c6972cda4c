package io.turnfleet.relay.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Slow streams: a client that trickles its bytes is still served, and a client that stops reading
 * costs the relay dropped packets, never unbounded memory or service to others.
 */
class SlowStreamIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CHANNEL = 0x4000;
    private static final int FLOOD_PAYLOAD = 1_000;
    private static final int ROUND_BYTES = 5_000_000;
    /** 60 MB at most: far beyond {@link #QUEUED_BYTES_BOUND}, so a relay that queued it all would fail. */
    private static final int MAX_ROUNDS = 12;
    private static final int DROPS_WANTED = 1_000;
    /**
     * What may sit between the relay and a client that doesn't read: the connection's write buffer
     * up to its high-water mark (1 MiB), plus the kernel's socket buffers on both ends.
     */
    private static final long QUEUED_BYTES_BOUND = 16L * 1024 * 1024;

    private RelayUnderTest relay;

    @BeforeEach
    void startRelay() throws Exception {
        relay = RelayUnderTest.start(RelayUnderTest.listen(Transport.TCP));
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void aStunMessageSentOneBytePer100MillisecondsIsAnswered() throws Exception {
        ByteBuf out = Unpooled.buffer();
        StunWriter.start(out, Method.BINDING, MessageClass.REQUEST, 0x5107L, 0x5107).fingerprint();
        byte[] request = ByteBufUtil.getBytes(out);
        try (Socket socket = new Socket(relay.address(Transport.TCP).getAddress(),
                relay.address(Transport.TCP).getPort())) {
            socket.setTcpNoDelay(true);
            StreamWire wire = new StreamWire(socket);
            OutputStream stream = socket.getOutputStream();

            for (byte b : request) {
                stream.write(b);
                stream.flush();
                Thread.sleep(100);
            }

            Received answer = new Received(wire.read(WAIT));
            assertThat(answer.isSuccess()).isTrue();
            assertThat(answer.transactionId()).isEqualTo(Arrays.copyOfRange(request, 8, 20));
        }
    }

    @Test
    void aClientThatNeverReadsLosesPacketsWhileTheRelayStaysBoundedAndServesOthers() throws Exception {
        Socket lazySocket = new Socket();
        lazySocket.setReceiveBufferSize(8 * 1024);
        lazySocket.connect(relay.address(Transport.TCP));
        try (TurnClient lazy = relay.client(lazySocket);
             DatagramSocket flooder = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             UdpEchoPeer echo = new UdpEchoPeer()) {
            InetSocketAddress relayed = lazy.allocate(TurnClient.UDP);
            lazy.channelBind(CHANNEL, (InetSocketAddress) flooder.getLocalSocketAddress());
            double droppedBefore = dropped();
            double relayedBefore = relay.metric("turnfleet_relayed_bytes_total", "direction", "peer_to_client");

            int rounds = floodUntilDropping(flooder, relayed, droppedBefore);

            double queued = relay.metric("turnfleet_relayed_bytes_total", "direction", "peer_to_client")
                    - relayedBefore;
            assertThat(dropped() - droppedBefore).as("packets dropped after %d MB of flood", rounds * ROUND_BYTES
                    / 1_000_000).isGreaterThanOrEqualTo(DROPS_WANTED);
            assertThat(queued).as("bytes accepted for the client that never reads").isLessThan(QUEUED_BYTES_BOUND);

            try (TurnClient other = relay.tcpClient()) {
                other.allocate(TurnClient.UDP);
                other.channelBind(CHANNEL, echo.address());
                byte[] ping = "still served".getBytes(StandardCharsets.UTF_8);
                other.sendChannelData(CHANNEL, ping);
                Received pong = other.next(WAIT);
                assertThat(pong).as("echo through the relay").isNotNull();
                assertThat(pong.channelPayload()).isEqualTo(ping);
            }
        }
    }

    /**
     * Floods the lazy client's allocation in rounds of 5 MB, each sent in about half a second so
     * most datagrams reach the relay instead of overflowing its socket's receive buffer, until the
     * relay has dropped {@link #DROPS_WANTED} packets for it; at most {@link #MAX_ROUNDS} rounds.
     */
    private int floodUntilDropping(DatagramSocket flooder, InetSocketAddress relayed, double droppedBefore)
            throws Exception {
        byte[] payload = new byte[FLOOD_PAYLOAD];
        DatagramPacket packet = new DatagramPacket(payload, payload.length, relayed);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            for (int i = 0; i < ROUND_BYTES / FLOOD_PAYLOAD; i++) {
                flooder.send(packet);
                if (i % 10 == 9) {
                    LockSupport.parkNanos(1_000_000);
                }
            }
            if (dropped() - droppedBefore >= DROPS_WANTED) {
                return round;
            }
        }
        return MAX_ROUNDS;
    }

    private double dropped() throws Exception {
        return relay.metric("turnfleet_dropped_packets_total", "reason", "send_failed");
    }
}
