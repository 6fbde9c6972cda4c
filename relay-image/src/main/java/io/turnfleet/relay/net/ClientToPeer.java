package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.ChannelBinding;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Data from the client to its peers: Send indications and ChannelData, relayed out of the
 * allocation's relay socket when the peer has a permission (RFC 8656 §10.2, §12.4). The per-packet
 * path: no logging, no allocation (the Netty path: the outgoing datagram and its envelope). One per client path, on its event loop.
 */
final class ClientToPeer {
    private final RelayContext relay;
    private final ClientPath path;
    private final String transportLabel;
    private final List<RelaySocket> flushPending = new ArrayList<>();

    ClientToPeer(RelayContext relay, ClientPath path) {
        this.relay = relay;
        this.path = path;
        this.transportLabel = path.transport().scheme();
    }

    /** Send indication (RFC 8656 §10.2): relayed when the peer has a permission, else silently dropped. */
    void onSend(InetSocketAddress client, StunMessage message) {
        RelaySocket socket = path.find(client);
        Allocation allocation = socket == null ? null : socket.allocation();
        if (allocation == null) {
            relay.metrics().dropped(DropReason.NO_ALLOCATION);
            return;
        }
        int peerIndex = message.find(AttributeType.XOR_PEER_ADDRESS);
        int dataIndex = message.find(AttributeType.DATA);
        if (peerIndex < 0 || dataIndex < 0 || message.hasUnknownComprehensionRequired()) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        InetSocketAddress peer;
        try {
            peer = message.xorAddress(peerIndex);
        } catch (StunParseException e) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        relayToPeer(socket, allocation, peer, message.buffer(), message.valueOffset(dataIndex),
                message.valueLength(dataIndex), System.nanoTime());
    }

    /** ChannelData from the client (RFC 8656 §12.4). Borrows {@code buf}; the hot path. */
    void onChannelData(ByteBuf buf, InetSocketAddress client) {
        int start = buf.readerIndex();
        int length = ChannelData.dataLength(buf);
        if (length < 0) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        RelaySocket socket = path.find(client);
        Allocation allocation = socket == null ? null : socket.allocation();
        if (allocation == null) {
            relay.metrics().dropped(DropReason.NO_ALLOCATION);
            return;
        }
        long now = System.nanoTime();
        ChannelBinding binding = allocation.channel(ChannelData.number(buf, start), now);
        if (binding == null) {
            relay.metrics().dropped(DropReason.NO_CHANNEL);
            return;
        }
        relayToPeer(socket, allocation, binding.peer(), buf, start + ChannelData.HEADER_LENGTH, length, now);
    }

    private void relayToPeer(RelaySocket socket, Allocation allocation, InetSocketAddress peer, ByteBuf buf,
                             int offset, int length, long now) {
        if (allocation.permissionFor(peer.getAddress(), now) == null) {
            relay.metrics().dropped(DropReason.NO_PERMISSION);
            return;
        }
        if (!relay.ownAddresses().current().permits(peer.getAddress(), peer.getPort())) {
            relay.metrics().dropped(DropReason.OWN_ADDRESS);
            return;
        }
        if (!allocation.admit(length, now)) {
            relay.metrics().dropped(DropReason.BANDWIDTH);
            return;
        }
        PeerSocket peerSocket = socket.peerSocketFor(peer.getAddress());
        if (peerSocket == null || !peerSocket.send(buf, offset, length, peer)) {
            relay.metrics().dropped(DropReason.SEND_FAILED);
            return;
        }
        if (socket.markFlushPending()) {
            flushPending.add(socket);
        }
        relay.metrics().relayed(Direction.CLIENT_TO_PEER, length);
    }

    /** Flushes the relay sockets written to since the last call: one flush per read batch. */
    void flushRelaySockets() {
        for (int i = 0; i < flushPending.size(); i++) {
            flushPending.get(i).flushRelaySockets();
        }
        flushPending.clear();
    }
}
