package io.turnfleet.relay.net;

import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.TurnRequestException;

import java.net.InetSocketAddress;

/**
 * The peer a request names in XOR-PEER-ADDRESS, checked against the allocation's address families,
 * the peer policy and the relay's own addresses (RFC 8656 §9.1, §11.2; design.md, safety defaults).
 */
final class RequestedPeers {
    private final RelayContext relay;

    RequestedPeers(RelayContext relay) {
        this.relay = relay;
    }

    /** A peer address from XOR-PEER-ADDRESS that this allocation may relay to (RFC 8656 §9.1, §11.2). */
    InetSocketAddress checkedPeer(StunMessage message, Allocation allocation, int index) throws TurnRequestException {
        InetSocketAddress peer;
        try {
            peer = message.xorAddress(index);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        // The family of the parsed address, not of the attribute: an IPv4-mapped peer is IPv4.
        if (!allocation.relaysFamilyOf(peer.getAddress())) {
            throw new TurnRequestException(ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch");
        }
        if (!relay.peerPolicy().permits(peer.getAddress())) {
            relay.metrics().peerPolicyRejected();
            throw new TurnRequestException(ErrorCode.FORBIDDEN, "Peer address not allowed");
        }
        return peer;
    }

    /**
     * A peer transport address (ChannelBind, RFC 6062 Connect): a peer address as {@link #checkedPeer}
     * allows, on a port the relay may reach there. At the relay's own addresses that is only the relay
     * port range (design.md); anything else is refused like a denied peer (403, RFC 8656 §11.2).
     */
    InetSocketAddress checkedTransportPeer(StunMessage message, Allocation allocation, int index) throws TurnRequestException {
        InetSocketAddress peer = checkedPeer(message, allocation, index);
        if (!relay.ownAddresses().current().permits(peer.getAddress(), peer.getPort())) {
            relay.metrics().peerPolicyRejected();
            throw new TurnRequestException(ErrorCode.FORBIDDEN, "Peer port not allowed at a relay address");
        }
        return peer;
    }
}
