package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.net.udp.DatagramHandler;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.ChannelBinding;
import io.turnfleet.relay.turn.Permission;

import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Datagrams from peers on one relay socket, handed to the client: as ChannelData when the peer has
 * a channel, as a Data indication when it only has a permission, or not at all (RFC 8656 §10.3,
 * §12.5). Framed straight into the buffer the client path gives ({@link ClientPath#relayBuffer}).
 * The per-packet path: no logging, no allocation. Serves a native relay socket directly and a Netty
 * one through {@link PeerHandler}.
 */
final class PeerToClient implements DatagramHandler {
    /** Header of a Data indication plus XOR-PEER-ADDRESS (IPv6) and DATA's header. */
    private static final int DATA_INDICATION_OVERHEAD = StunMessage.HEADER_LENGTH + 24 + 4;

    private final RelaySocket socket;
    private final RelayMetrics metrics;
    private final OwnAddressSource ownAddresses;

    PeerToClient(RelaySocket socket, RelayMetrics metrics, OwnAddressSource ownAddresses) {
        this.socket = socket;
        this.metrics = metrics;
        this.ownAddresses = ownAddresses;
    }

    /** A datagram from {@code peer}. Borrows {@code payload}. */
    @Override
    public void received(ByteBuf payload, InetSocketAddress peer) {
        Allocation allocation = socket.allocation();
        if (allocation == null) {
            metrics.dropped(DropReason.NO_ALLOCATION);
            return;
        }
        long now = System.nanoTime();
        Permission permission = allocation.permissionFor(peer.getAddress(), now);
        if (permission == null) {
            metrics.dropped(DropReason.NO_PERMISSION);
            return;
        }
        if (!ownAddresses.current().permits(peer.getAddress(), peer.getPort())) {
            metrics.dropped(DropReason.OWN_ADDRESS);
            return;
        }
        int length = payload.readableBytes();
        if (!allocation.admit(length, now)) {
            metrics.dropped(DropReason.BANDWIDTH);
            return;
        }
        ChannelBinding binding = allocation.channelTo(peer, now);
        ClientPath path = socket.clientPath();
        ByteBuf out = binding != null
                ? channelData(path, binding.number(), payload)
                : dataIndication(path, permission, peer.getPort(), payload);
        if (path.relay(socket.client(), out)) {
            metrics.relayed(Direction.PEER_TO_CLIENT, length);
        } else {
            metrics.dropped(DropReason.SEND_FAILED);
        }
    }

    /** An oversized datagram, or a receive error (an ICMP report): the socket stays open for other peers. */
    @Override
    public void receiveFailed() {
        metrics.dropped(DropReason.SEND_FAILED);
    }

    @Override
    public void sendFailed(int count) {
        metrics.dropped(DropReason.SEND_FAILED, count);
    }

    private static ByteBuf channelData(ClientPath path, int number, ByteBuf payload) {
        int length = payload.readableBytes();
        int total = path.isStream() ? ChannelData.paddedLength(length) : ChannelData.HEADER_LENGTH + length;
        ByteBuf out = path.relayBuffer(total);
        int start = out.writerIndex();
        ChannelData.writeHeader(out, number, length);
        // Through the payload's own NIO view: a ByteBuf-to-ByteBuf copy builds new views without Unsafe (Java 25).
        out.writeBytes(payload.internalNioBuffer(payload.readerIndex(), length));
        out.writeZero(total - (out.writerIndex() - start));
        return out;
    }

    /** A Data indication (RFC 8656 §10.3) with a random transaction id, XOR-PEER-ADDRESS and DATA. */
    private static ByteBuf dataIndication(ClientPath path, Permission permission, int port, ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf out = path.relayBuffer(DATA_INDICATION_OVERHEAD + length + 3);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StunWriter.start(out, Method.DATA, MessageClass.INDICATION, random.nextLong(), random.nextInt())
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, permission.rawPeer(), port)
                .bytes(AttributeType.DATA, payload, payload.readerIndex(), length);
        return out;
    }
}
