package io.turnfleet.relay.net;

import io.netty.channel.Channel;
import io.turnfleet.relay.admin.RequestMethod;
import io.turnfleet.relay.net.RequestAuthenticator.Credential;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.turn.AllocateRequest;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.TurnRequestException;

import java.net.InetSocketAddress;

/**
 * The requests of TCP relay allocations (RFC 6062 §5): Connect on the control connection,
 * ConnectionBind on a new data connection.
 */
final class TcpRelayRequests {
    private final RelayContext relay;
    private final ClientPath path;
    private final Answers answers;
    private final AllocationTable allocations;
    private final RequestedPeers peers;

    TcpRelayRequests(RelayContext relay, ClientPath path, Answers answers, AllocationTable allocations,
                     RequestedPeers peers) {
        this.relay = relay;
        this.path = path;
        this.answers = answers;
        this.allocations = allocations;
        this.peers = peers;
    }

    /** The extra rules of an Allocate for a TCP relay (RFC 6062 §5.1). */
    static void checkAllocate(AllocateRequest request, ClientPath path) throws TurnRequestException {
        if (!path.isStream()) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "TCP allocations need a TCP or TLS connection");
        }
        if (request.dontFragment() || request.evenPort() || request.hasReservationToken()) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "DONT-FRAGMENT, EVEN-PORT and RESERVATION-TOKEN don't apply to TCP allocations");
        }
        if (request.ipv6Additional()) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "TCP allocations have one address family");
        }
    }

    /** Connect (RFC 6062 §5.2): a TCP connection from the relayed address to the peer. */
    void onConnect(InetSocketAddress client, Credential credential, StunMessage message) throws TurnRequestException {
        RelaySocket socket = allocations.ownedSocket(client, credential);
        TcpAllocation tcp = socket.tcp();
        if (tcp == null) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "Connect needs a TCP allocation");
        }
        int peerIndex = message.find(AttributeType.XOR_PEER_ADDRESS);
        if (peerIndex < 0) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "XOR-PEER-ADDRESS missing");
        }
        Allocation allocation = socket.allocation();
        InetSocketAddress peer = peers.checkedTransportPeer(message, allocation, peerIndex);
        if (tcp.hasConnectionTo(peer)) {
            throw new TurnRequestException(ErrorCode.CONNECTION_ALREADY_EXISTS, "Connection Already Exists");
        }
        if (tcp.isFull()) {
            throw new TurnRequestException(ErrorCode.INSUFFICIENT_CAPACITY, "Too many connections");
        }
        StunMessage request = message.copy();
        tcp.connect(peer, connection -> {
            Answer answer;
            if (connection == null) {
                answer = Answer.error(path, request, ErrorCode.CONNECTION_TIMEOUT_OR_FAILURE,
                        ErrorCode.CONNECTION_TIMEOUT_OR_FAILURE.reason(), relay.software());
            } else {
                allocation.installPermission(peer.getAddress(), System.nanoTime());
                answer = Answer.success(path, request);
                answer.writer.unsignedInt(AttributeType.CONNECTION_ID, connection.id() & 0xFFFFFFFFL);
                answers.software(answer);
            }
            answers.send(client, answer.seal(request, credential.key()), RequestMethod.CONNECT);
            request.buffer().release();
        });
    }

    /**
     * ConnectionBind (RFC 6062 §5.4), the first message of a data connection: after the success
     * answer the connection carries the peer's bytes, no more STUN.
     */
    void onConnectionBind(InetSocketAddress client, Credential credential, StunMessage message)
            throws TurnRequestException {
        if (!path.isStream() || path.find(client) != null) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "ConnectionBind belongs on a new TCP or TLS data connection");
        }
        int idIndex = message.find(AttributeType.CONNECTION_ID);
        if (idIndex < 0) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "CONNECTION-ID missing");
        }
        int id;
        try {
            id = (int) message.unsignedInt(idIndex);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        PeerConnection connection = relay.peerConnections().claim(id);
        if (connection == null) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "Unknown CONNECTION-ID");
        }
        if (!connection.allocation().owner().equals(credential.username())) {
            relay.peerConnections().add(connection);
            throw new TurnRequestException(ErrorCode.WRONG_CREDENTIALS, "Wrong Credentials");
        }
        TcpConnectionHandler control = (TcpConnectionHandler) path;
        Channel data = control.channel();
        connection.bind(data);
        Answer answer = Answer.success(path, message);
        answers.software(answer);
        answers.send(client, answer.seal(message, credential.key()), RequestMethod.CONNECTION_BIND);
        TcpAllocation.pipe(connection, data);
        control.becomeDataConnection();
    }
}
