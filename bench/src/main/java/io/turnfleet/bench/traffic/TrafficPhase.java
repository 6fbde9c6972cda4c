package io.turnfleet.bench.traffic;

import io.netty.buffer.ByteBuf;
import io.turnfleet.bench.report.LatencySummary;
import io.turnfleet.bench.turn.ClientAllocation;
import io.turnfleet.bench.turn.ClientLink;
import io.turnfleet.relay.stun.ChannelData;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.List;

/**
 * Sends ChannelData through every allocation to the echo peer and checks what comes back: warm-up,
 * then the measured window, then a drain until every measured packet is back or timed out. The
 * owner feeds it ticks, sweeps, echoes and peer arrivals with the current time in nanoseconds.
 * Not thread-safe: one event loop owns it and every socket it touches.
 */
public final class TrafficPhase {
    private static final long HIGHEST_TRACKABLE_NANOS = 60_000_000_000L;

    /** Told when the measured window opens and closes, to sample server CPU at the same instants. */
    public interface WindowListener {
        void opened(long now);

        void closed(long now);
    }

    private enum State { WARMUP, MEASURE, DRAIN, DONE }

    private final ClientAllocation[] allocations;
    private final SequenceTracker[] trackers;
    private final TrafficPlan plan;
    private final Payload payload = new Payload();
    private final WindowListener listener;
    private final Histogram roundTrips = new Histogram(HIGHEST_TRACKABLE_NANOS, 3);
    private final int[] allocationByRelayPort = new int[65536];
    private final int[] indexById;

    private State state = State.DONE;
    private long startedAt;
    private long openedAt;
    private long closedAt;
    private long drainDeadline;
    private double sendInterval;
    private long scheduled;
    private int cursor;
    private long maxSendLag;
    private long corrupt;
    private long stray;
    private long misrouted;
    private long peerStray;
    private long windowRoundTrips;
    private long windowRelayed;

    /** @param allocations established allocations with bound channels, distinct non-negative ids */
    public TrafficPhase(List<ClientAllocation> allocations, TrafficPlan plan, WindowListener listener) {
        this.allocations = allocations.toArray(new ClientAllocation[0]);
        this.plan = plan;
        this.listener = listener;
        this.trackers = new SequenceTracker[this.allocations.length];
        if (plan.peerMode() == PeerMode.PAIR && this.allocations.length % 2 != 0) {
            throw new IllegalArgumentException("pairs need an even number of allocations, got " + this.allocations.length);
        }
        int maxId = -1;
        for (ClientAllocation allocation : this.allocations) {
            maxId = Math.max(maxId, allocation.id());
        }
        indexById = new int[maxId + 1];
        Arrays.fill(indexById, -1);
        Arrays.fill(allocationByRelayPort, -1);
        for (int i = 0; i < this.allocations.length; i++) {
            ClientAllocation allocation = this.allocations[i];
            if (allocation.relayed() == null || indexById[allocation.id()] >= 0) {
                throw new IllegalArgumentException("allocation " + allocation.id()
                        + " is not established or appears twice");
            }
            indexById[allocation.id()] = i;
            trackers[i] = new SequenceTracker(plan.trackerCapacity());
            allocationByRelayPort[allocation.relayed().getPort()] = i;
        }
    }

    public void start(long now) {
        state = State.WARMUP;
        startedAt = now;
        if (plan.warmupNanos() == 0) {
            openWindow(now);
        }
        if (plan.flatOut()) {
            for (int i = 0; i < allocations.length; i++) {
                fillWindow(i, now);
            }
        } else {
            sendInterval = 1e9 / ((double) plan.ratePerAllocation() * allocations.length);
            scheduled = 0;
        }
    }

    public boolean done() {
        return state == State.DONE;
    }

    /** Advances the phase and, at a fixed rate, sends every packet that is due. */
    public void onTick(long now) {
        if (state == State.WARMUP && now - startedAt >= plan.warmupNanos()) {
            openWindow(now);
        }
        if (state == State.MEASURE && now - openedAt >= plan.durationNanos()) {
            closeWindow(now);
        }
        if (state == State.DRAIN && (measuredOutstanding() == 0 || now - drainDeadline >= 0)) {
            for (SequenceTracker tracker : trackers) {
                tracker.expire(now);
            }
            state = State.DONE;
        }
        if (!plan.flatOut() && sending()) {
            sendDue(now);
        }
    }

    /** Declares lost what is overdue and, flat out, refills the windows that frees. */
    public void onSweep(long now) {
        long sentBefore = now - plan.lossTimeoutNanos();
        for (int i = 0; i < trackers.length; i++) {
            trackers[i].expire(sentBefore);
            if (plan.flatOut() && sending()) {
                fillWindow(i, now);
            }
        }
    }

    /**
     * Checks one datagram that arrived on the socket of {@code allocation}; borrows {@code datagram}.
     * Flat out, once half the allocation's window has come back, queues packets on that socket to
     * fill the window again (the owner flushes).
     */
    public void onEcho(ClientAllocation allocation, ByteBuf datagram, long now) {
        int id = allocation.id();
        int index = id < indexById.length ? indexById[id] : -1;
        int offset = index < 0 ? -1 : payloadOffset(datagram);
        if (offset < 0) {
            if (index < 0) {
                stray++;
            }
            return;
        }
        int owner = Payload.allocationId(datagram, offset);
        boolean mine = datagram.getUnsignedShort(datagram.readerIndex()) == allocation.channelNumber();
        if (mine && owner != id && plan.peerMode() == PeerMode.PAIR && owner == allocations[index ^ 1].id()) {
            onPartnerPacket(allocation, datagram);
        } else if (owner != id || !mine) {
            if (owner >= 0 && owner < indexById.length && indexById[owner] >= 0) {
                misrouted++;
            } else {
                stray++;
            }
        } else {
            onOwnPacket(index, Payload.sequence(datagram, offset), now);
        }
    }

    /**
     * Where an intact payload of ours starts in this ChannelData datagram, or -1 after counting
     * the datagram as stray or corrupt.
     */
    private int payloadOffset(ByteBuf datagram) {
        int start = datagram.readerIndex();
        int readable = datagram.readableBytes();
        if (readable < ChannelData.HEADER_LENGTH) {
            stray++;
            return -1;
        }
        int length = datagram.getUnsignedShort(start + 2);
        if (length > readable - ChannelData.HEADER_LENGTH) {
            corrupt++;
            return -1;
        }
        int offset = start + ChannelData.HEADER_LENGTH;
        PayloadCheck check = payload.check(datagram, offset, length);
        if (check == PayloadCheck.VALID) {
            return offset;
        }
        if (check == PayloadCheck.CORRUPT) {
            corrupt++;
        } else {
            stray++;
        }
        return -1;
    }

    /** One of this allocation's own packets is back: time it and, flat out, refill the window. */
    private void onOwnPacket(int index, long sequence, long now) {
        SequenceTracker tracker = trackers[index];
        long sentAt = tracker.receive(sequence);
        if (sentAt == SequenceTracker.NEVER_SENT) {
            stray++;
            return;
        }
        if (sentAt < 0) {
            return;
        }
        if (tracker.wasMeasured(sequence)) {
            roundTrips.recordValue(Math.min(HIGHEST_TRACKABLE_NANOS, Math.max(0, now - sentAt)));
        }
        if (state == State.MEASURE) {
            windowRoundTrips++;
            windowRelayed += plan.peerMode() == PeerMode.PAIR ? 2 : 1;
        }
        if (plan.flatOut() && sending() && tracker.inFlight() <= plan.window() / 2) {
            // Refill in bursts: several datagrams per flush lets the transport batch them (sendmmsg).
            while (tracker.inFlight() < plan.window()) {
                send(index, now, false);
            }
        }
    }

    /**
     * A partner's packet, intact, on this allocation's channel: send it straight back on the same
     * channel (the ChannelData header already carries this allocation's channel number). The
     * owner flushes.
     */
    private void onPartnerPacket(ClientAllocation allocation, ByteBuf datagram) {
        if (state == State.MEASURE) {
            windowRelayed += 2;
        }
        allocation.link().write(datagram.retainedDuplicate());
    }

    /** Whether the echo peer should echo a datagram from this source port; counts it. */
    public boolean onPeerPacket(int sourcePort) {
        if (allocationByRelayPort[sourcePort] < 0) {
            peerStray++;
            return false;
        }
        if (state == State.MEASURE) {
            windowRelayed++;
        }
        return true;
    }

    public TrafficResult result() {
        long sent = 0;
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        long late = 0;
        for (SequenceTracker tracker : trackers) {
            sent += tracker.measuredSent();
            received += tracker.measuredReceived();
            lost += tracker.measuredLost();
            duplicates += tracker.duplicates();
            late += tracker.late();
        }
        double windowSeconds = closedAt > openedAt ? (closedAt - openedAt) / 1e9 : 0;
        return new TrafficResult(windowSeconds, sent, received, lost, duplicates, late, corrupt, stray, misrouted,
                peerStray, windowRoundTrips, windowRelayed, Math.round(maxSendLag / 100.0) / 10.0,
                LatencySummary.ofNanos(roundTrips));
    }

    private boolean sending() {
        return state == State.WARMUP || state == State.MEASURE;
    }

    private void openWindow(long now) {
        state = State.MEASURE;
        openedAt = now;
        for (SequenceTracker tracker : trackers) {
            tracker.measuring(true);
        }
        listener.opened(now);
    }

    private void closeWindow(long now) {
        state = State.DRAIN;
        closedAt = now;
        drainDeadline = now + plan.lossTimeoutNanos();
        for (SequenceTracker tracker : trackers) {
            tracker.measuring(false);
        }
        listener.closed(now);
    }

    private long measuredOutstanding() {
        long outstanding = 0;
        for (SequenceTracker tracker : trackers) {
            outstanding += tracker.measuredOutstanding();
        }
        return outstanding;
    }

    private void sendDue(long now) {
        while (true) {
            long due = startedAt + (long) (scheduled * sendInterval);
            if (due - now > 0) {
                return;
            }
            if (state == State.MEASURE) {
                maxSendLag = Math.max(maxSendLag, now - due);
            }
            send(cursor, now, true);
            scheduled++;
            cursor = cursor + 1 == allocations.length ? 0 : cursor + 1;
        }
    }

    private void fillWindow(int index, long now) {
        SequenceTracker tracker = trackers[index];
        if (tracker.inFlight() >= plan.window()) {
            return;
        }
        while (tracker.inFlight() < plan.window()) {
            send(index, now, false);
        }
        allocations[index].link().flush();
    }

    private void send(int index, long now, boolean flush) {
        ClientAllocation allocation = allocations[index];
        ClientLink link = allocation.link();
        long sequence = trackers[index].send(now);
        int size = plan.payloadSize();
        ByteBuf out = link.alloc().directBuffer(ChannelData.HEADER_LENGTH + size);
        ChannelData.writeHeader(out, allocation.channelNumber(), size);
        payload.write(out, allocation.id(), sequence, size);
        if (flush) {
            link.send(out);
        } else {
            link.write(out);
        }
    }
}
