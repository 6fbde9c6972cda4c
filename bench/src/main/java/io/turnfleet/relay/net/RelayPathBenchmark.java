package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.CredentialChecker;
import io.turnfleet.relay.auth.LongTermCredentials;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.auth.StaticUsers;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.Drain;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.AllocationQuota;
import io.turnfleet.relay.turn.FiveTuple;
import io.turnfleet.relay.turn.OwnAddresses;
import io.turnfleet.relay.turn.PeerAddressPolicy;
import io.turnfleet.relay.turn.RelayPortPool;
import io.turnfleet.relay.turn.ReservationTokens;
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

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The relay's per-packet path, driven through its real handlers: ChannelData from a client through
 * {@link UdpListenerHandler} out of the allocation's relay socket, and a peer's datagram through
 * {@link PeerHandler} back to the client as ChannelData. The sockets are embedded channels, so what is
 * measured is the relay's own work per packet (lookups, permission and channel checks, bandwidth
 * check, counters, framing, the outbound envelope), not the kernel's. Run with {@code -prof gc}: the
 * only allocation left is the outgoing datagram's {@link DatagramPacket} envelope (24 bytes). It stays
 * on purpose: Netty's epoll transport batches a socket's queued datagrams into one sendmmsg only when
 * they are {@code DatagramPacket}s, and those are immutable, so they cannot be pooled.
 *
 * {@link NativeRelayPathBenchmark} measures the same path on {@code --udp-io native}, the default.
 *
 * <p>Lives in the relay's {@code net} package (in the bench module) to reach its package-private
 * handlers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-Dio.netty.leakDetection.level=disabled",
        "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.turnfleet.bench.jmh.EventLoopThreadExecutor"})
public class RelayPathBenchmark {
    /** The client, the relay's listener, the allocation's relayed address and the realm of every relay benchmark. */
    static final InetSocketAddress CLIENT = new InetSocketAddress("198.51.100.20", 54_321);
    static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 3478);
    static final InetSocketAddress RELAYED = new InetSocketAddress("192.0.2.1", 49_152);
    static final String REALM = "bench";
    private static final InetSocketAddress PEER = new InetSocketAddress("203.0.113.9", 40_000);
    private static final int CHANNEL = 0x4000;
    private static final int PAYLOAD = 100;

    private RelayMetrics metrics;
    private EmbeddedChannel listener;
    private EmbeddedChannel relaySocket;
    private DatagramPacket fromClient;
    private DatagramPacket fromPeer;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        metrics = new RelayMetrics();
        RelayContext relay = context(metrics, UdpIo.NETTY);
        OwnAddressSource ownAddresses = relay.ownAddresses();

        UdpListenerHandler handler = new UdpListenerHandler(relay, new LoopSweepers(Duration.ofSeconds(1)));
        listener = new EmbeddedChannel(handler);
        listener.config().setAllocator(IoTransport.ALLOCATOR);
        long now = System.nanoTime();
        RelaySocket socket = new RelaySocket(handler, CLIENT, 0, 0);
        Allocation allocation = new Allocation(new FiveTuple(CLIENT, SERVER, Transport.UDP), "bench", RELAYED, null,
                0, 0, 0, 3600, now);
        allocation.bindChannel(CHANNEL, PEER, now);
        socket.activate(allocation);
        relaySocket = new EmbeddedChannel(new PeerHandler(new PeerToClient(socket, metrics, ownAddresses)));
        relaySocket.config().setAllocator(IoTransport.ALLOCATOR);
        socket.attach(true, new NettyPeerSocket(relaySocket), RELAYED.getPort());
        handler.add(socket);

        ByteBuf channelData = IoTransport.ALLOCATOR.directBuffer(ChannelData.HEADER_LENGTH + PAYLOAD);
        ChannelData.writeHeader(channelData, CHANNEL, PAYLOAD);
        channelData.writeZero(PAYLOAD);
        fromClient = new DatagramPacket(channelData, SERVER, CLIENT);
        ByteBuf peerData = IoTransport.ALLOCATOR.directBuffer(PAYLOAD);
        peerData.writeZero(PAYLOAD);
        fromPeer = new DatagramPacket(peerData, RELAYED, PEER);
    }

    /** The relay as its per-packet path sees it; the relay's own address is checked on every packet, as in production. */
    static RelayContext context(RelayMetrics metrics, UdpIo udpIo) {
        return context(metrics, udpIo, new LongTermCredentials(StaticUsers.of(REALM, List.of())),
                new Nonces(Duration.ofMinutes(10), true), new SourceRateLimit(20, 40));
    }

    /** A relay in {@link #REALM} on {@link #SERVER} with the given users, nonces and 401 rate limit. */
    static RelayContext context(RelayMetrics metrics, UdpIo udpIo, CredentialChecker credentials, Nonces nonces,
                                SourceRateLimit challengeLimit) {
        RelayPortPool ports = new RelayPortPool(49_152, 65_535, new SplittableRandom(1));
        OwnAddressSource ownAddresses = OwnAddressSource.fixed(OwnAddresses.of(List.of(SERVER.getAddress()), List.of(),
                false, ports.min(), ports.max()));
        return new RelayContext(REALM, "", 3600, 0, true, credentials, nonces, challengeLimit,
                new AllocationQuota(0, 0), ports, new ReservationTokens(ports, new SplittableRandom(2)),
                PeerAddressPolicy.defaults(), ownAddresses, metrics,
                RelayAddresses.fixed(SERVER.getAddress(), null, SERVER.getAddress(), null), new Drain(),
                AlternateServers.none(), udpIo == UdpIo.NATIVE ? IoTransport.EPOLL : IoTransport.NIO,
                new PeerConnections(), udpIo);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fromClient.release();
        fromPeer.release();
        relaySocket.finishAndReleaseAll();
        listener.finishAndReleaseAll();
        metrics.close();
    }

    /** ChannelData from the client, relayed to the peer: the datagram the relay socket sends. */
    @Benchmark
    public int clientToPeer() {
        listener.pipeline().fireChannelRead(fromClient.retain());
        listener.pipeline().fireChannelReadComplete();
        return drain(relaySocket);
    }

    /** A peer's datagram, relayed to the client as ChannelData: the datagram the listener sends. */
    @Benchmark
    public int peerToClient() {
        relaySocket.pipeline().fireChannelRead(fromPeer.retain());
        relaySocket.pipeline().fireChannelReadComplete();
        return drain(listener);
    }

    private static int drain(EmbeddedChannel channel) {
        // The listener flushes once per event loop turn, from a task: run it as the loop would.
        channel.runPendingTasks();
        Object sent = channel.readOutbound();
        if (sent == null) {
            throw new IllegalStateException("the relay sent nothing");
        }
        // A DatagramPacket, or Netty's epoll transport would send it alone instead of in a sendmmsg batch.
        int bytes = ((DatagramPacket) sent).content().readableBytes();
        ReferenceCountUtil.release(sent);
        return bytes;
    }
}
