package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.LongTermCredentials;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.auth.StaticUser;
import io.turnfleet.relay.auth.StaticUsers;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.Drain;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.turn.AllocationQuota;
import io.turnfleet.relay.turn.OwnAddresses;
import io.turnfleet.relay.turn.PeerAddressPolicy;
import io.turnfleet.relay.turn.RelayPortPool;
import io.turnfleet.relay.turn.ReservationTokens;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The framer and the connection handler of a TCP/TLS client connection as the listener wires them,
 * on an embedded channel: what a client's bytes lead to, whatever their read boundaries, and what
 * closes the connection.
 */
class TcpConnectionHandlerTest {
    private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.10", 50123);
    private static final InetSocketAddress SERVER = new InetSocketAddress("192.0.2.1", 3478);

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);

    private final RelayMetrics metrics = new RelayMetrics();

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void aBindingRequestArrivingByteByByteIsAnsweredOnce() throws Exception {
        EmbeddedChannel channel = connection(Transport.TCP);
        byte[] request = bindingRequest();

        for (byte b : request) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }

        ByteBuf answer = channel.readOutbound();
        try {
            StunMessage response = StunMessage.parse(answer);
            assertThat(response.method()).isEqualTo(Method.BINDING);
            assertThat(response.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
            assertThat(response.transactionLow()).isEqualTo(0x0A0B0C0D);
            assertThat(response.xorAddress(response.find(AttributeType.XOR_MAPPED_ADDRESS))).isEqualTo(CLIENT);
        } finally {
            assertThat(answer.release()).isTrue();
        }
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void twoRequestsInOneReadGetTwoAnswers() {
        EmbeddedChannel channel = connection(Transport.TCP);
        byte[] request = bindingRequest();

        channel.writeInbound(Unpooled.wrappedBuffer(request, new byte[0], bindingRequest(7)));

        for (int i = 0; i < 2; i++) {
            ByteBuf answer = channel.readOutbound();
            assertThat(answer).as("answer %d", i + 1).isNotNull();
            assertThat(answer.release()).isTrue();
        }
        channel.finishAndReleaseAll();
    }

    @Test
    void garbageClosesTheConnectionAndCountsAMalformedTcpPacket() {
        EmbeddedChannel channel = connection(Transport.TCP);

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 0, 0, 4, 1, 2, 3, 4}));

        assertThat(channel.isOpen()).isFalse();
        assertThat(malformed("tcp")).isEqualTo(1);
        assertThat(malformed("tls")).isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void garbageOnATlsConnectionCountsForTls() {
        EmbeddedChannel channel = connection(Transport.TLS);

        channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 1, 0, 3, 0, 0, 0, 0}));

        assertThat(channel.isOpen()).isFalse();
        assertThat(malformed("tls")).isEqualTo(1);
        channel.finishAndReleaseAll();
    }

    @Test
    void aFramingErrorAfterAGoodRequestStillAnswersTheRequestThenCloses() {
        EmbeddedChannel channel = connection(Transport.TCP);

        channel.writeInbound(Unpooled.wrappedBuffer(bindingRequest(), new byte[] {(byte) 0x80, 0, 0, 0}));

        ByteBuf answer = channel.readOutbound();
        assertThat(answer).isNotNull();
        assertThat(answer.release()).isTrue();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aSilentConnectionWithoutAllocationIsClosedByTheLoopsSweepAfterTheIdleTimeout() {
        EmbeddedChannel channel = connection(Transport.TCP);

        channel.advanceTimeBy(IDLE_TIMEOUT.toMillis() - 300, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("before the idle timeout").isTrue();

        channel.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.isOpen()).as("after the idle timeout").isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aFrameRestartsTheIdleTimeout() {
        EmbeddedChannel channel = connection(Transport.TCP);
        channel.advanceTimeBy(IDLE_TIMEOUT.toMillis() - 300, TimeUnit.MILLISECONDS);

        channel.writeInbound(Unpooled.wrappedBuffer(bindingRequest()));
        ((ByteBuf) channel.readOutbound()).release();
        channel.runScheduledPendingTasks();
        channel.advanceTimeBy(600, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    private double malformed(String transport) {
        return metrics.registry().get("turnfleet.malformed.packets").tag("transport", transport).counter().count();
    }

    private EmbeddedChannel connection(Transport transport) {
        EmbeddedChannel channel = new ClientConnection();
        channel.pipeline().addLast("framer", new StreamStunFramer());
        channel.pipeline().addLast("turn", new TcpConnectionHandler(relay(), transport, new LoopSweepers(IDLE_TIMEOUT), admitted(transport),
                IDLE_TIMEOUT, Duration.ofSeconds(10)));
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    private StreamConnections.OpenConnection admitted(Transport transport) {
        return new StreamConnections(0, null, metrics).open(transport, CLIENT);
    }

    private RelayContext relay() {
        SecureRandom random = new SecureRandom();
        RelayPortPool ports = new RelayPortPool(49152, 49200, random);
        try {
            StaticUsers users = StaticUsers.of("test", List.of(new StaticUser("alice", "secret")));
            return new RelayContext("test", "TurnFleet test", 3600, 0, true, new LongTermCredentials(users),
                    new Nonces(Duration.ofMinutes(10), true), new SourceRateLimit(20, 40),
                    new AllocationQuota(0, 0), ports, new ReservationTokens(ports, random),
                    PeerAddressPolicy.defaults(), OwnAddressSource.fixed(OwnAddresses.none()), metrics,
                    RelayAddresses.fixed(InetAddress.getByName("192.0.2.1"), null,
                            InetAddress.getByName("192.0.2.1"), null),
                    new Drain(), AlternateServers.none(), IoTransport.NIO, new PeerConnections(), UdpIo.NETTY);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] bindingRequest() {
        return bindingRequest(0x0A0B0C0D);
    }

    private static byte[] bindingRequest(int transactionLow) {
        ByteBuf out = Unpooled.buffer();
        try {
            StunWriter.start(out, Method.BINDING, MessageClass.REQUEST, 42L, transactionLow).fingerprint();
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** An embedded channel with the addresses of a TCP connection from {@link #CLIENT} to {@link #SERVER}. */
    private static final class ClientConnection extends EmbeddedChannel {
        ClientConnection() {
            super(false, false);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return CLIENT;
        }

        @Override
        protected SocketAddress localAddress0() {
            return SERVER;
        }
    }
}
