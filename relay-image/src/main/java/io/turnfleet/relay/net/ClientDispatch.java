package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;

import java.net.InetSocketAddress;

/**
 * The TURN side of one client path, whatever carries its bytes (a Netty UDP listener or TCP/TLS
 * connection, or a native UDP listener): dispatch of a message by its first byte (RFC 8656 §12) to
 * the request handler or the ChannelData path, the flush of relay sockets after a read batch, and the
 * sweep and end of the path's allocations. One per client path, on its event loop.
 */
final class ClientDispatch {
    private final RelayContext relay;
    private final String transportLabel;
    private final TurnRequestHandler requests;
    private final Answers answers;
    private final AllocationTable allocations;
    private final ClientToPeer clientToPeer;

    ClientDispatch(RelayContext relay, ClientPath path) {
        this.relay = relay;
        this.transportLabel = path.transport().scheme();
        this.answers = new Answers(relay, path);
        this.allocations = new AllocationTable(relay, path);
        this.clientToPeer = new ClientToPeer(relay, path);
        this.requests = new TurnRequestHandler(relay, path, answers, allocations, clientToPeer);
    }

    /** Hands one framed message from {@code client} on. Borrows {@code message}. */
    void dispatch(ByteBuf message, InetSocketAddress client) {
        if (!message.isReadable()) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        int first = message.getUnsignedByte(message.readerIndex());
        if (ChannelData.looksLikeChannelData(first)) {
            clientToPeer.onChannelData(message, client);
        } else if (StunMessage.looksLikeStun(first)) {
            requests.onStunMessage(message, client);
        } else {
            relay.metrics().malformed(transportLabel);
        }
    }

    /** A read batch ended: relay sockets written to send what they queued. */
    void readComplete() {
        clientToPeer.flushRelaySockets();
    }

    void sweep(Iterable<RelaySocket> sockets, SweepTotals totals) {
        long now = System.nanoTime();
        answers.removeExpired(now);
        allocations.sweep(sockets, now, totals);
    }

    /** The path closed: every allocation on it ends. */
    void endAll(Iterable<RelaySocket> sockets) {
        for (RelaySocket socket : sockets) {
            allocations.endAllocation(socket);
        }
    }
}
