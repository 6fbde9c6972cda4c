package io.turnfleet.relay.interop;

import static io.turnfleet.relay.interop.RelayUnderTest.PASSWORD;
import static io.turnfleet.relay.interop.RelayUnderTest.USER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import io.turnfleet.relay.interop.Ice4jTurnClient.Relayed;
import org.ice4j.attribute.Attribute;
import org.ice4j.message.Message;
import org.ice4j.message.MessageFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A flood of random and mutated datagrams at the listener while an honest client relays a steady
 * stream through a channel: the relay drops or answers each bad datagram (RFC 8489 §6.3: a
 * malformed message is discarded), counts it, logs nothing per packet, leaks no buffer, and the
 * honest client loses nothing.
 */
class HostileDatagramsIT {
    private static final int CHANNEL = 0x4001;
    private static final int ATTACKERS = 4;
    private static final int DATAGRAMS_PER_ATTACKER = 12_500;
    /** Datagrams an attacker sends before it waits for the relay to have read them. */
    private static final int BURST = 50;
    private static final int BINDING_TIMEOUT_MILLIS = 1_000;
    private static final int BINDING_ATTEMPTS = 10;
    private static final long HONEST_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int HONEST_PAYLOAD_BYTES = 160;
    /** Loopback answers in microseconds; this is only the patience for a loaded build machine. */
    private static final long ECHO_WINDOW_MILLIS = 10_000;
    /** Replays a failed run: {@code -Dit.test=HostileDatagramsIT -Dturnfleet.hostile.seed=<seed from the failure>}. */
    private static final String SEED_PROPERTY = "turnfleet.hostile.seed";
    private static final String MALFORMED = "turnfleet_malformed_packets_total{transport=\"udp\"}";

    private static ResourceLeakDetector.Level leakLevelBefore;
    private static LoggedWarnings warnings;
    private static RelayUnderTest relay;
    private static UdpEchoPeer peer;

    @BeforeAll
    static void startRelayWithLeakDetection() throws Exception {
        assertThat(InternalLoggerFactory.getDefaultFactory())
                .as("Netty logs through SLF4J, where its leak reports are captured")
                .isInstanceOf(Slf4JLoggerFactory.class);
        leakLevelBefore = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        warnings = LoggedWarnings.capture();
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
        if (warnings != null) {
            warnings.close();
        }
        ResourceLeakDetector.setLevel(leakLevelBefore);
    }

    @Test
    void floodOfBadDatagramsDisturbsNeitherAnHonestClientNorTheRelay() throws Exception {
        long seed = Long.getLong(SEED_PROPERTY, ThreadLocalRandom.current().nextLong());
        try (Ice4jTurnClient honest = Ice4jTurnClient.connect(relay.listener())) {
            assertThat(honest.allocate(USER, PASSWORD).isSuccess()).isTrue();
            assertThat(honest.createPermission(peer.address()).isSuccess()).isTrue();
            assertThat(honest.channelBind(CHANNEL, peer.address()).isSuccess()).isTrue();
            double malformedBefore = relay.metric(MALFORMED);

            ExecutorService attackers = Executors.newFixedThreadPool(ATTACKERS);
            List<Future<Long>> attacks = new ArrayList<>();
            for (int i = 0; i < ATTACKERS; i++) {
                HostileDatagrams datagrams = new HostileDatagrams(seed + i, CHANNEL, peer.address());
                attacks.add(attackers.submit(() -> blast(datagrams)));
            }
            attackers.shutdown();
            long floodStart = System.nanoTime();
            int sent = streamUntilDone(honest, attackers);
            long floodNanos = System.nanoTime() - floodStart;
            long certainlyMalformed = 0;
            for (Future<Long> attack : attacks) {
                certainlyMalformed += attack.get();
            }

            BitSet echoed = collectEchoes(honest, sent);
            String context = "seed " + seed + ", honest packets " + sent + ", echoed by the peer " + peer.echoed()
                    + ", missing " + missing(echoed, sent) + ", undecodable " + honest.undecodable()
                    + ", relay counters:\n" + dropCounters();
            assertThat(echoed.cardinality()).as("honest packets echoed back; %s", context).isEqualTo(sent);
            assertThat(honest.nextRelayed(200)).as("no spoofed or duplicate data reached the client; %s", context)
                    .isNull();
            assertThat(relay.metric(MALFORMED) - malformedBefore).as(context)
                    .isGreaterThanOrEqualTo(certainlyMalformed);
            System.out.printf("hostile flood (seed %d): %d datagrams from %d sockets in %d ms, %.0f counted malformed "
                    + "(%d certainly malformed), %d honest packets all echoed%n", seed, ATTACKERS * DATAGRAMS_PER_ATTACKER,
                    ATTACKERS, TimeUnit.NANOSECONDS.toMillis(floodNanos), relay.metric(MALFORMED) - malformedBefore,
                    certainlyMalformed, sent);
            StunAnswer binding = honest.send(MessageFactory.createBindingRequest());
            assertThat(binding.response().getMessageType()).isEqualTo(Message.BINDING_SUCCESS_RESPONSE);
            assertThat(binding.xorAddress(Attribute.XOR_MAPPED_ADDRESS)).isEqualTo(honest.localAddress());
        }
        provokeLeakReports();
        assertThat(warnings.lines()).as("relay and Netty log lines at WARNING or above (leaks included)").isEmpty();
    }

    private static String missing(BitSet echoed, int sent) {
        BitSet missing = new BitSet(sent);
        missing.set(0, sent);
        missing.andNot(echoed);
        return missing.toString();
    }

    private static String dropCounters() throws Exception {
        StringBuilder counters = new StringBuilder();
        for (String line : relay.scrape().split("\n")) {
            if (line.startsWith("turnfleet_dropped_packets_total") || line.startsWith("turnfleet_relayed_packets_total")
                    || line.startsWith("turnfleet_malformed_packets_total")) {
                counters.append(line).append('\n');
            }
        }
        return counters.toString();
    }

    /**
     * Sends one attacker's datagrams from its own socket in bursts, each followed by a Binding
     * request: the relay reads a socket's datagrams in order, so its answer means the burst was
     * read. The flood thus goes as fast as the relay reads, however busy the machine, without
     * overflowing the kernel's socket buffer (which would drop honest packets too). Returns how
     * many datagrams were certainly malformed.
     */
    private static long blast(HostileDatagrams datagrams) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            socket.setSoTimeout(BINDING_TIMEOUT_MILLIS);
            InetSocketAddress target = relay.listener();
            for (int sent = 0; sent < DATAGRAMS_PER_ATTACKER; ) {
                for (int i = 0; i < BURST && sent < DATAGRAMS_PER_ATTACKER; i++, sent++) {
                    byte[] bytes = datagrams.next();
                    socket.send(new DatagramPacket(bytes, bytes.length, target));
                }
                awaitBindingAnswer(socket, target);
            }
            return datagrams.certainlyMalformed();
        }
    }

    /** Sends a Binding request and reads past the answers to the flood until its success response. */
    private static void awaitBindingAnswer(DatagramSocket socket, InetSocketAddress target) throws Exception {
        byte[] request = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0).putInt(0x2112A442)
                .putLong(ThreadLocalRandom.current().nextLong()).putInt(ThreadLocalRandom.current().nextInt())
                .array();
        byte[] buffer = new byte[2048];
        DatagramPacket answer = new DatagramPacket(buffer, buffer.length);
        for (int attempt = 0; attempt < BINDING_ATTEMPTS; attempt++) {
            socket.send(new DatagramPacket(request, request.length, target));
            try {
                while (true) {
                    answer.setLength(buffer.length);
                    socket.receive(answer);
                    if (answer.getLength() >= 20 && buffer[0] == 0x01 && buffer[1] == 0x01
                            && Arrays.equals(buffer, 8, 20, request, 8, 20)) {
                        return;
                    }
                }
            } catch (SocketTimeoutException e) {
                // retransmit
            }
        }
        throw new AssertionError("the relay stopped answering Binding requests during the flood");
    }

    /** Sends numbered ChannelData every 2 ms or so until the attackers are done; returns how many. */
    private static int streamUntilDone(Ice4jTurnClient honest, ExecutorService attackers) throws Exception {
        int sequence = 0;
        while (!attackers.isTerminated()) {
            honest.sendChannelData(CHANNEL, honestPayload(sequence++));
            LockSupport.parkNanos(HONEST_INTERVAL_NANOS);
        }
        return sequence;
    }

    private static byte[] honestPayload(int sequence) {
        ByteBuffer payload = ByteBuffer.allocate(HONEST_PAYLOAD_BYTES);
        while (payload.hasRemaining()) {
            payload.putInt(sequence);
        }
        return payload.array();
    }

    /** Sequence numbers of the honest packets that came back on the channel, intact, within the window. */
    private static BitSet collectEchoes(Ice4jTurnClient honest, int expected) throws InterruptedException {
        BitSet echoed = new BitSet(expected);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ECHO_WINDOW_MILLIS);
        while (echoed.cardinality() < expected) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            Relayed relayed = left > 0 ? honest.nextRelayed(left) : null;
            if (relayed == null) {
                break;
            }
            int sequence = ByteBuffer.wrap(relayed.data()).getInt();
            assertThat(relayed.channel()).isEqualTo(CHANNEL);
            assertThat(relayed.data()).as("echo of packet %d", sequence).isEqualTo(honestPayload(sequence));
            assertThat(echoed.get(sequence)).as("packet %d echoed twice", sequence).isFalse();
            echoed.set(sequence);
        }
        return echoed;
    }

    /**
     * Netty reports a leaked buffer when the garbage collector has found it and a later buffer is
     * tracked: collect, then allocate under paranoid detection, a few times over.
     */
    private static void provokeLeakReports() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
            ByteBufAllocator.DEFAULT.directBuffer(1).release();
        }
    }
}
