package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.admin.RelayMetrics;
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
 * Reads datagrams from peers on one relay socket and hands them to the client: as ChannelData when
 * the peer has a channel, as a Data indication when it only has a permission, or not at all
 * (RFC 8656 §10.3, §12.5). The per-packet path: no logging, no allocation besides Netty's envelope.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
    /** Header of a Data indication plus XOR-PEER-ADDRESS (IPv6) and DATA's header. */
    private static final int DATA_INDICATION_OVERHEAD = StunMessage.HEADER_LENGTH + 24 + 4;

    private final RelaySocket socket;
    private final RelayMetrics metrics;
    private final OwnAddressSource ownAddresses;

    PeerHandler(RelaySocket socket, RelayMetrics metrics, OwnAddressSource ownAddresses) {
        this.socket = socket;
        this.metrics = metrics;
        this.ownAddresses = ownAddresses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        DatagramPacket packet = (DatagramPacket) msg;
        try {
            relayToClient(packet.content(), packet.sender());
        } finally {
            packet.release();
        }
    }

    private void relayToClient(ByteBuf payload, InetSocketAddress peer) {
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
                ? channelData(path.alloc(), binding.number(), payload, path.isStream())
                : dataIndication(path.alloc(), permission, peer.getPort(), payload);
        if (path.relay(socket.client(), out)) {
            metrics.relayed(Direction.PEER_TO_CLIENT, length);
        } else {
            metrics.dropped(DropReason.SEND_FAILED);
        }
    }

    private static ByteBuf channelData(ByteBufAllocator alloc, int number, ByteBuf payload,
                                       boolean stream) {
        int length = payload.readableBytes();
        int total = stream ? ChannelData.paddedLength(length) : ChannelData.HEADER_LENGTH + length;
        ByteBuf out = alloc.directBuffer(total);
        ChannelData.writeHeader(out, number, length);
        out.writeBytes(payload, payload.readerIndex(), length);
        out.writeZero(total - out.writerIndex());
        return out;
    }

    /** A Data indication (RFC 8656 §10.3) with a random transaction id, XOR-PEER-ADDRESS and DATA. */
    private static ByteBuf dataIndication(ByteBufAllocator alloc, Permission permission, int port,
                                          ByteBuf payload) {
        int length = payload.readableBytes();
        ByteBuf out = alloc.directBuffer(DATA_INDICATION_OVERHEAD + length + 3);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StunWriter.start(out, Method.DATA, MessageClass.INDICATION, random.nextLong(), random.nextInt())
                .xorAddress(AttributeType.XOR_PEER_ADDRESS, permission.rawPeer(), port)
                .bytes(AttributeType.DATA, payload, payload.readerIndex(), length);
        return out;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // An ICMP error surfaces here as PortUnreachableException on some transports. The relay socket
        // serves other peers of the same allocation, so it stays open.
        metrics.dropped(DropReason.SEND_FAILED);
    }
}
