package io.turnfleet.bench.traffic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.bench.turn.ClientAllocation;
import io.turnfleet.bench.turn.FakeTurnServer;
import io.turnfleet.bench.turn.RecordingLink;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TrafficPhaseTest {
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);

    private final List<String> windowEvents = new ArrayList<>();
    private final TrafficPhase.WindowListener listener = new TrafficPhase.WindowListener() {
        @Override
        public void opened(long now) {
            windowEvents.add("opened@" + now);
        }

        @Override
        public void closed(long now) {
            windowEvents.add("closed@" + now);
        }
    };

    private static RecordingLink link(ClientAllocation allocation) {
        return (RecordingLink) allocation.link();
    }

    @Test
    void flatOutFillsEveryWindowAtStart() {
        List<ClientAllocation> allocations = FakeTurnServer.established(3, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 4, 100, 0, S, S, PeerMode.ECHO), listener);

        phase.start(0);

        for (ClientAllocation allocation : allocations) {
            assertThat(link(allocation).sent).hasSize(4);
            ByteBuf first = link(allocation).sent.get(0);
            assertThat(first.getUnsignedShort(0)).isEqualTo(allocation.channelNumber());
            assertThat(first.getUnsignedShort(2)).isEqualTo(100);
            assertThat(Payload.allocationId(first, 4)).isEqualTo(allocation.id());
        }
        assertThat(windowEvents).containsExactly("opened@0");
    }

    @Test
    void echoesAreTimedAndRefillTheWindowOnceHalfOfItIsBack() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 4, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        List<ByteBuf> sent = link(allocation).drain();

        phase.onEcho(allocation, sent.get(0), 100_000);
        assertThat(link(allocation).queued).isEmpty();
        phase.onEcho(allocation, sent.get(1), 200_000);
        assertThat(link(allocation).queued).hasSize(2);
        assertThat(Payload.sequence(link(allocation).queued.get(0), 4)).isEqualTo(4);

        phase.onTick(S);
        phase.onTick(S + 1);
        phase.onTick(2 * S + 2);
        TrafficResult result = phase.result();
        assertThat(result.windowRoundTrips()).isEqualTo(2);
        assertThat(result.relayedPackets()).as("the peer saw nothing here").isEqualTo(2);
        assertThat(result.roundTrip().count()).isEqualTo(2);
        assertThat(result.roundTrip().max()).isCloseTo(200.0, org.assertj.core.data.Percentage.withPercentage(0.1));
    }

    @Test
    void anotherAllocationsPacketIsMisrouted() {
        List<ClientAllocation> allocations = FakeTurnServer.established(2, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 1, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        ByteBuf ofFirst = link(allocations.get(0)).last();

        phase.onEcho(allocations.get(1), ofFirst, 10);

        assertThat(phase.result().misrouted()).isEqualTo(1);
        assertThat(phase.result().windowRoundTrips()).isZero();
    }

    @Test
    void rightPayloadOnTheWrongChannelNumberIsMisrouted() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 1, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        ByteBuf echo = link(allocations.get(0)).last();
        echo.setShort(0, 0x4FFF);

        phase.onEcho(allocations.get(0), echo, 10);

        assertThat(phase.result().misrouted()).isEqualTo(1);
    }

    @Test
    void changedByteIsCorruptAndForeignBytesAreStray() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 2, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        ByteBuf corrupt = link(allocation).sent.get(0);
        corrupt.setByte(50, corrupt.getByte(50) ^ 0x10);
        ByteBuf foreign = Unpooled.buffer().writeShort(0x4000).writeShort(30).writeZero(30);

        phase.onEcho(allocation, corrupt, 10);
        phase.onEcho(allocation, foreign, 10);
        phase.onEcho(allocation, Unpooled.buffer().writeShort(0x4000), 10);
        phase.onEcho(allocation, Unpooled.buffer().writeShort(0x4000).writeShort(200).writeZero(20), 10);

        TrafficResult result = phase.result();
        assertThat(result.corrupt()).isEqualTo(2);
        assertThat(result.stray()).isEqualTo(2);
        assertThat(result.integrityErrors()).isEqualTo(4);
    }

    @Test
    void duplicateEchoIsCountedOnce() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 2, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        ByteBuf echo = link(allocation).sent.get(0);

        phase.onEcho(allocation, echo, 10);
        phase.onEcho(allocation, echo, 20);

        assertThat(phase.result().duplicates()).isEqualTo(1);
        assertThat(phase.result().windowRoundTrips()).isEqualTo(1);
    }

    @Test
    void fixedRateSpreadsSendsEvenlyOverAllocations() {
        List<ClientAllocation> allocations = FakeTurnServer.established(4, PEER);
        // 4 allocations x 10/s = one packet every 25 ms, round robin
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(10, 8, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);

        phase.onTick(0);
        phase.onTick(74 * MS);

        assertThat(allocations).extracting(a -> link(a).sent.size()).containsExactly(1, 1, 1, 0);
        phase.onTick(999 * MS);
        assertThat(allocations).extracting(a -> link(a).sent.size()).containsExactly(10, 10, 10, 10);
    }

    @Test
    void fixedRateRecordsHowLateTheGeneratorSent() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(10, 8, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);

        phase.onTick(250 * MS);

        assertThat(phase.result().maxSendLagMicros()).isEqualTo(250_000.0);
    }

    @Test
    void warmUpIsExcludedAndTheWindowOpensAndClosesOnTime() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(1, 8, 100, S, 2 * S, S, PeerMode.ECHO), listener);
        phase.start(0);
        phase.onTick(0);
        ByteBuf warmupPacket = link(allocation).last();
        phase.onEcho(allocation, warmupPacket, 10 * MS);

        phase.onTick(S);
        ByteBuf measuredPacket = link(allocation).last();
        phase.onEcho(allocation, measuredPacket, S + 5 * MS);
        phase.onTick(3 * S);

        assertThat(windowEvents).containsExactly("opened@" + S, "closed@" + 3 * S);
        TrafficResult result = phase.result();
        assertThat(result.sent()).isEqualTo(1);
        assertThat(result.received()).isEqualTo(1);
        assertThat(result.roundTrip().count()).isEqualTo(1);
        assertThat(result.roundTrip().p50()).isCloseTo(5_000.0, org.assertj.core.data.Percentage.withPercentage(0.1));
        assertThat(result.windowSeconds()).isEqualTo(2.0);
    }

    @Test
    void drainWaitsForOutstandingPacketsThenDeclaresThemLost() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 3, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        phase.onTick(S);
        assertThat(phase.done()).isFalse();

        phase.onTick(2 * S - 1);
        assertThat(phase.done()).isFalse();
        phase.onTick(2 * S);

        assertThat(phase.done()).isTrue();
        TrafficResult result = phase.result();
        assertThat(result.sent()).isEqualTo(3);
        assertThat(result.lost()).isEqualTo(3);
        assertThat(result.lossRatio()).isEqualTo(1.0);
    }

    @Test
    void drainEndsAsSoonAsEveryMeasuredPacketIsBack() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 2, 100, 0, S, S, PeerMode.ECHO), listener);
        phase.start(0);
        List<ByteBuf> sent = link(allocation).drain();
        phase.onTick(S);
        phase.onEcho(allocation, sent.get(0), S + 1);
        phase.onEcho(allocation, sent.get(1), S + 2);

        phase.onTick(S + 3);

        assertThat(phase.done()).isTrue();
        assertThat(phase.result().lost()).isZero();
        assertThat(phase.result().windowRoundTrips()).as("back after the window closed").isZero();
        assertThat(phase.result().received()).isEqualTo(2);
    }

    @Test
    void peerEchoesOnlyDatagramsFromKnownRelayPortsAndCountsThemInTheWindow() {
        List<ClientAllocation> allocations = FakeTurnServer.established(2, PEER);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 1, 100, S, S, S, PeerMode.ECHO), listener);
        phase.start(0);

        assertThat(phase.onPeerPacket(40_001)).isTrue();
        assertThat(phase.onPeerPacket(40_002)).isFalse();
        phase.onTick(S);
        phase.onPeerPacket(40_000);

        TrafficResult result = phase.result();
        assertThat(result.peerStray()).isEqualTo(1);
        assertThat(result.relayedPackets()).isEqualTo(1);
    }

    @Test
    void sweepDeclaresOverduePacketsLostAndRefillsTheWindow() {
        List<ClientAllocation> allocations = FakeTurnServer.established(1, PEER);
        ClientAllocation allocation = allocations.get(0);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 2, 100, 0, 10 * S, S, PeerMode.ECHO), listener);
        phase.start(0);
        link(allocation).drain();

        phase.onSweep(S);

        assertThat(link(allocation).sent).hasSize(2);
        assertThat(phase.result().lost()).isEqualTo(2);
    }

    private static List<ClientAllocation> pairs(int count) {
        List<ClientAllocation> allocations = FakeTurnServer.established(count, PEER);
        for (int i = 0; i < count; i += 2) {
            allocations.get(i).bindTo(allocations.get(i + 1).relayed());
            allocations.get(i + 1).bindTo(allocations.get(i).relayed());
        }
        return allocations;
    }

    @Test
    void pairedAllocationSendsItsPartnersPacketStraightBack() {
        List<ClientAllocation> allocations = pairs(2);
        ClientAllocation a = allocations.get(0);
        ClientAllocation b = allocations.get(1);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 1, 100, 0, S, S, PeerMode.PAIR), listener);
        phase.start(0);
        ByteBuf fromA = link(a).drain().get(0);
        link(b).drain();
        // the relay delivers A's payload to B with B's channel number
        ByteBuf atB = fromA.copy();
        atB.setShort(0, b.channelNumber());

        phase.onEcho(b, atB, 10);

        assertThat(link(b).queued).hasSize(1);
        assertThat(link(b).queued.get(0)).isEqualTo(atB);
        assertThat(phase.result().relayedPackets()).isEqualTo(2);
        assertThat(phase.result().windowRoundTrips()).isZero();

        phase.onEcho(a, fromA, 20);

        TrafficResult result = phase.result();
        assertThat(result.windowRoundTrips()).isEqualTo(1);
        assertThat(result.relayedPackets()).isEqualTo(4);
        assertThat(result.integrityErrors()).isZero();
    }

    @Test
    void packetFromAnAllocationOtherThanThePartnerIsMisrouted() {
        List<ClientAllocation> allocations = pairs(4);
        TrafficPhase phase = new TrafficPhase(allocations, new TrafficPlan(0, 1, 100, 0, S, S, PeerMode.PAIR), listener);
        phase.start(0);
        ByteBuf fromThird = link(allocations.get(2)).last().copy();
        fromThird.setShort(0, allocations.get(1).channelNumber());

        phase.onEcho(allocations.get(1), fromThird, 10);

        assertThat(phase.result().misrouted()).isEqualTo(1);
        assertThat(link(allocations.get(1)).queued).isEmpty();
    }

    @Test
    void pairsNeedAnEvenNumberOfAllocations() {
        List<ClientAllocation> allocations = FakeTurnServer.established(3, PEER);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new TrafficPhase(allocations,
                        new TrafficPlan(0, 1, 100, 0, S, S, PeerMode.PAIR), listener))
                .hasMessage("pairs need an even number of allocations, got 3");
    }
}
