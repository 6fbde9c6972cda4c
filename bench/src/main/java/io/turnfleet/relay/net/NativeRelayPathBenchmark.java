package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.net.udp.UdpLoop;
import io.turnfleet.relay.net.udp.UdpLoops;
import io.turnfleet.relay.net.udp.UdpSocket;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.FiveTuple;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The relay's per-packet path on the native datagram path ({@code --udp-io native}), driven through
 * its real handlers and real sockets on 127.0.0.1: ChannelData from a client handed to the
 * {@link NativeUdpListener} as a receive slot would be, relayed out of the allocation's native relay
 * socket to a real peer socket; a peer's datagram handed to the relay socket's {@link PeerToClient},
 * framed as ChannelData into the send batch and sent to a real client socket. The send batch goes out
 * with one sendmmsg every {@value #TURN} datagrams, as a loop turn with a full recvmmsg batch would
 * send it, so the system call is in the measurement, amortized. Run with {@code -prof gc}: nothing is
 * allocated per packet. Compare with {@link RelayPathBenchmark} (the Netty path, without system calls).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-Dio.netty.leakDetection.level=disabled",
        "--enable-native-access=ALL-UNNAMED", "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.turnfleet.bench.jmh.EventLoopThreadExecutor"})
public class NativeRelayPathBenchmark {
    /** Datagrams relayed per loop turn, each turn ending with the flush. */
    static final int TURN = 16;
    private static final int CHANNEL = 0x4000;
    private static final int PAYLOAD = 100;
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

    private RelayMetrics metrics;
    private UdpLoop loop;
    DatagramChannel client;
    DatagramChannel peer;
    private InetSocketAddress clientAddress;
    private InetSocketAddress peerAddress;
    private UdpSocket listenerSocket;
    UdpSocket relaySocket;
    private NativeUdpListener listener;
    private PeerToClient peerToClient;
    private ByteBuf fromClient;
    private ByteBuf fromPeer;
    private int queued;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        metrics = new RelayMetrics();
        RelayContext relay = RelayPathBenchmark.context(metrics, UdpIo.NATIVE);
        loop = UdpLoops.flushedByCaller(IoTransport.ALLOCATOR);
        client = DatagramChannel.open().bind(LOOPBACK);
        peer = DatagramChannel.open().bind(LOOPBACK);
        clientAddress = (InetSocketAddress) client.getLocalAddress();
        peerAddress = (InetSocketAddress) peer.getLocalAddress();

        listenerSocket = UdpSocket.open(LOOPBACK, 0, false);
        // No event loop: nothing here allocates, binds relay sockets or sweeps.
        listener = new NativeUdpListener(relay, new LoopSweepers(Duration.ofSeconds(1)), listenerSocket, null);
        UdpLoops.attach(listenerSocket, loop, listener);
        relaySocket = UdpSocket.open(LOOPBACK, 0, false);
        long now = System.nanoTime();
        RelaySocket socket = new RelaySocket(listener, clientAddress, 0, 0);
        Allocation allocation = new Allocation(new FiveTuple(clientAddress, listenerSocket.localAddress(), Transport.UDP),
                "bench", relaySocket.localAddress(), null, 0, 0, 0, 3600, now);
        allocation.bindChannel(CHANNEL, peerAddress, now);
        socket.activate(allocation);
        peerToClient = new PeerToClient(socket, metrics, relay.ownAddresses());
        UdpLoops.attach(relaySocket, loop, peerToClient);
        socket.attach(true, new NativePeerSocket(relaySocket), relaySocket.port());
        listener.add(socket);

        fromClient = IoTransport.ALLOCATOR.directBuffer(ChannelData.HEADER_LENGTH + PAYLOAD);
        ChannelData.writeHeader(fromClient, CHANNEL, PAYLOAD);
        fromClient.writeZero(PAYLOAD);
        fromPeer = IoTransport.ALLOCATOR.directBuffer(PAYLOAD);
        fromPeer.writeZero(PAYLOAD);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        flush();
        fromClient.release();
        fromPeer.release();
        relaySocket.close();
        listenerSocket.close();
        client.close();
        peer.close();
        loop.close();
        metrics.close();
    }

    /** ChannelData from the client, relayed to the peer. */
    @Benchmark
    public void clientToPeer() {
        listener.received(fromClient, clientAddress);
        listener.readComplete();
        endOfDatagram();
    }

    /** A peer's datagram, relayed to the client as ChannelData. */
    @Benchmark
    public void peerToClient() {
        peerToClient.received(fromPeer, peerAddress);
        endOfDatagram();
    }

    private void endOfDatagram() {
        if (++queued == TURN) {
            flush();
        }
    }

    /** Sends what is queued, as the end of a loop turn does. */
    void flush() {
        queued = 0;
        loop.flush();
    }
}
