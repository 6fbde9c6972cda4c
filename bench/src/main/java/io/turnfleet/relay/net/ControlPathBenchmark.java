package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.turnfleet.bench.turn.LongTermAuth;
import io.turnfleet.bench.turn.TurnRequests;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.LongTermCredentials;
import io.turnfleet.relay.auth.LongTermKey;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.auth.StaticUser;
import io.turnfleet.relay.auth.StaticUsers;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.log.LogFormat;
import io.turnfleet.relay.log.LogLevel;
import io.turnfleet.relay.log.LogSetup;
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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.turnfleet.relay.net.RelayPathBenchmark.CLIENT;
import static io.turnfleet.relay.net.RelayPathBenchmark.REALM;
import static io.turnfleet.relay.net.RelayPathBenchmark.RELAYED;
import static io.turnfleet.relay.net.RelayPathBenchmark.SERVER;

/**
 * The relay's control path without its relay sockets, driven through {@link UdpListenerHandler}: the
 * 401 challenge to an Allocate without credentials, and an authenticated Refresh of a live
 * allocation (parse, FINGERPRINT, answer cache, USERNAME lookup, MESSAGE-INTEGRITY, NONCE, the signed
 * answer, remembering it, counters). Both are part of every Allocate and Refresh(0) the S4 scenario
 * times; opening and closing relay sockets, the rest of them, is not measured here. Each Refresh
 * carries a new transaction id, so none is answered from the answer cache.
 *
 * <p>Lives in the relay's {@code net} package (in the bench module) to reach its package-private handlers.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m", "-XX:+UseParallelGC", "-Dio.netty.leakDetection.level=disabled",
        "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.turnfleet.bench.jmh.EventLoopThreadExecutor"})
public class ControlPathBenchmark {
    private static final StaticUser USER = new StaticUser("bench", "secret");
    /** Twice the answer cache's capacity, so a request's transaction id is forgotten before it comes again. */
    private static final int REFRESHES = 2 * 8192;

    private RelayMetrics metrics;
    private EmbeddedChannel listener;
    private EmbeddedChannel relaySocket;
    private DatagramPacket unauthenticatedAllocate;
    private DatagramPacket[] refreshes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        // As the relay runs by default: the debug line per answered request is off.
        LogSetup.configure(LogFormat.TEXT, LogLevel.INFO);
        metrics = new RelayMetrics();
        Nonces nonces = new Nonces(Duration.ofMinutes(10), true);
        // No challenge rate limit here: the benchmark sends as fast as one core allows, from one address.
        RelayContext relay = RelayPathBenchmark.context(metrics, UdpIo.NETTY,
                new LongTermCredentials(StaticUsers.of(REALM, List.of(USER))), nonces,
                new SourceRateLimit(1e9, 1_000_000));

        UdpListenerHandler handler = new UdpListenerHandler(relay, new LoopSweepers(Duration.ofSeconds(1)));
        listener = new EmbeddedChannel(handler);
        listener.config().setAllocator(IoTransport.ALLOCATOR);
        RelaySocket socket = new RelaySocket(handler, CLIENT, 0, 0);
        socket.activate(new Allocation(new FiveTuple(CLIENT, SERVER, Transport.UDP), USER.name(), RELAYED, null,
                0, 0, 0, 3600, System.nanoTime()));
        relaySocket = new EmbeddedChannel();
        socket.attach(true, new NettyPeerSocket(relaySocket), RELAYED.getPort());
        handler.add(socket);

        ByteBuf allocate = IoTransport.ALLOCATOR.directBuffer(64);
        TurnRequests.allocate(allocate, 1, 1);
        unauthenticatedAllocate = new DatagramPacket(allocate, SERVER, CLIENT);
        LongTermAuth auth = new LongTermAuth(USER.name(), REALM,
                nonces.issue(CLIENT.getAddress(), System.currentTimeMillis()),
                LongTermKey.derive(USER.name(), REALM, USER.password()));
        refreshes = new DatagramPacket[REFRESHES];
        for (int i = 0; i < REFRESHES; i++) {
            ByteBuf refresh = IoTransport.ALLOCATOR.directBuffer(128);
            TurnRequests.refresh(refresh, 0x5446_0000_0000_0000L | i, i, 600, auth);
            refreshes[i] = new DatagramPacket(refresh, SERVER, CLIENT);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        unauthenticatedAllocate.release();
        for (DatagramPacket refresh : refreshes) {
            refresh.release();
        }
        relaySocket.finishAndReleaseAll();
        listener.finishAndReleaseAll();
        metrics.close();
    }

    /** An Allocate without credentials: the 401 with REALM and a fresh NONCE (RFC 8656 §7.1). */
    @Benchmark
    public int challenge() {
        return answer(unauthenticatedAllocate, 401);
    }

    /** An authenticated Refresh of the live allocation: the signed success answer with its LIFETIME. */
    @Benchmark
    public int refresh() {
        DatagramPacket request = refreshes[next];
        next = (next + 1) % REFRESHES;
        return answer(request, 0);
    }

    private int answer(DatagramPacket request, int expectedCode) {
        listener.pipeline().fireChannelRead(request.retain());
        listener.pipeline().fireChannelReadComplete();
        listener.runPendingTasks();
        DatagramPacket sent = listener.readOutbound();
        if (sent == null) {
            throw new IllegalStateException("the relay did not answer");
        }
        ByteBuf answer = sent.content();
        int bytes = answer.readableBytes();
        // Class bits of the message type (RFC 8489 §5): 0x0110 marks an error answer.
        boolean error = (answer.getUnsignedShort(answer.readerIndex()) & 0x0110) == 0x0110;
        ReferenceCountUtil.release(sent);
        if (error != (expectedCode != 0)) {
            throw new IllegalStateException("unexpected answer class, expected " + expectedCode);
        }
        return bytes;
    }
}
