package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.LongTermCredentials;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.auth.StaticUsers;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.Drain;
import io.turnfleet.relay.turn.AllocationQuota;
import io.turnfleet.relay.turn.OwnAddresses;
import io.turnfleet.relay.turn.PeerAddressPolicy;
import io.turnfleet.relay.turn.RelayPortPool;
import io.turnfleet.relay.turn.ReservationTokens;
import io.turnfleet.relay.turn.TurnTimers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The allocation table's timer sweep, driven with explicit {@code now} values: no sockets, no waiting. */
class AllocationTableTest {

    private final RelayPortPool ports = new RelayPortPool(50000, 50001, () -> 0L);
    private final ReservationTokens reservations = new ReservationTokens(ports, new SplittableRandom(1));
    private final RelayMetrics metrics = new RelayMetrics();

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    private AllocationTable table() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        RelayContext relay = new RelayContext("realm", "", 3600, 0, true,
                new LongTermCredentials(new StaticUsers("realm", List.of(), null)),
                new Nonces(Duration.ofMinutes(10), true), new SourceRateLimit(20, 40),
                new AllocationQuota(0, 0), ports, reservations, PeerAddressPolicy.defaults(), OwnAddressSource.fixed(OwnAddresses.none()), metrics,
                RelayAddresses.fixed(loopback, null, loopback, null), new Drain(), AlternateServers.none(),
                IoTransport.NIO, new PeerConnections(), UdpIo.NETTY);
        return new AllocationTable(relay, new UdpPathWithoutClients());
    }

    @Test
    void sweepReturnsThePortOfAnUnredeemedReservationToThePoolAfterThirtySeconds() throws IOException {
        AllocationTable table = table();
        int even = ports.acquireEven(true);
        long reservedAt = System.nanoTime();
        reservations.reserve(even + 1, true, reservedAt);

        table.sweep(List.of(), reservedAt + TurnTimers.RESERVATION_LIFETIME_NANOS - 1, new SweepTotals());
        assertThat(ports.inUse()).as("still reserved").isEqualTo(2);

        table.sweep(List.of(), reservedAt + TurnTimers.RESERVATION_LIFETIME_NANOS, new SweepTotals());
        assertThat(ports.inUse()).as("only the allocated even port").isEqualTo(1);
        assertThat(reservations.size()).isZero();
        assertThat(ports.acquire(even + 1)).isTrue();
    }

    /** A UDP client path the sweep never has to use: there are no allocations to end. */
    private static final class UdpPathWithoutClients implements ClientPath {
        @Override
        public Transport transport() {
            return Transport.UDP;
        }

        @Override
        public EventLoop eventLoop() {
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public InetSocketAddress localAddress() {
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public ByteBufAllocator alloc() {
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public boolean isStream() {
            return false;
        }

        @Override
        public void send(InetSocketAddress client, ByteBuf message) {
            message.release();
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public ByteBuf relayBuffer(int maxLength) {
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public boolean relay(InetSocketAddress client, ByteBuf message) {
            message.release();
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public RelaySocket find(InetSocketAddress client) {
            return null;
        }

        @Override
        public void add(RelaySocket socket) {
            throw new UnsupportedOperationException("not used by the sweep");
        }

        @Override
        public void remove(RelaySocket socket) {
            throw new UnsupportedOperationException("not used by the sweep");
        }
    }
}
