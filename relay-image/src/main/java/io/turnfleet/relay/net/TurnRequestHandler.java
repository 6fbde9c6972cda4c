package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.turnfleet.relay.admin.AuthFailure;
import io.turnfleet.relay.admin.RequestMethod;
import io.turnfleet.relay.net.RequestAuthenticator.Credential;
import io.turnfleet.relay.net.RequestAuthenticator.Refusal;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.ErrorResponses;
import io.turnfleet.relay.stun.Fingerprint;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.stun.XorAddress;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.BindResult;
import io.turnfleet.relay.turn.TurnRequestException;
import io.turnfleet.relay.turn.TurnTimers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The control requests of a client path: STUN requests by method (one {@code on*} method each, RFC
 * 8656 §7-§12), authenticated before anything else, with Send indications handed to
 * {@link ClientToPeer}. Allocate lives in {@link AllocateRequests}, RFC 6062 in {@link TcpRelayRequests};
 * answers go out through {@link Answers}. One instance per client path, used on its event loop only.
 */
final class TurnRequestHandler {
    /** Answers to requests that have not authenticated don't name the software (design.md, 3x rule). */
    private static final String NO_SOFTWARE = "";
    private final RelayContext relay;
    private final ClientPath path;
    private final String transportLabel;
    private final RequestAuthenticator authenticator;
    private final Answers answers;
    private final AllocationTable allocations;
    private final ClientToPeer clientToPeer;
    private final RequestedPeers peers;
    private final AllocateRequests allocate;
    private final TcpRelayRequests tcpRequests;
    private final StunMessage message = new StunMessage();

    TurnRequestHandler(RelayContext relay, ClientPath path, Answers answers, AllocationTable allocations,
                       ClientToPeer clientToPeer) {
        this.relay = relay;
        this.path = path;
        this.transportLabel = path.transport().scheme();
        this.authenticator = new RequestAuthenticator(relay);
        this.answers = answers;
        this.allocations = allocations;
        this.clientToPeer = clientToPeer;
        this.peers = new RequestedPeers(relay);
        this.allocate = new AllocateRequests(relay, path, answers, allocations);
        this.tcpRequests = new TcpRelayRequests(relay, path, answers, allocations, peers);
    }

    /** Handles one STUN message from {@code client}. Borrows {@code buf}. */
    void onStunMessage(ByteBuf buf, InetSocketAddress client) {
        try {
            message.readFrom(buf);
        } catch (StunParseException e) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        if (message.fingerprintIndex() >= 0 && !Fingerprint.verify(message)) {
            relay.metrics().malformed(transportLabel);
            return;
        }
        if (message.isRequest()) {
            onRequest(client);
        } else if (message.isIndication() && message.method() == Method.SEND) {
            clientToPeer.onSend(client, message);
        }
    }

    private void onRequest(InetSocketAddress client) {
        if (answers.replay(client, message)) {
            return;
        }
        int method = message.method();
        if (method == Method.BINDING) {
            onBinding(client);
            return;
        }
        RequestMethod metric = requestMethod(method);
        if (metric == null) {
            answers.sendUnremembered(client, Answer.error(path, message, ErrorCode.BAD_REQUEST, "Unknown method",
                    NO_SOFTWARE).seal(message, null), null);
            return;
        }
        RequestAuthenticator.Outcome outcome = authenticator.authenticate(message, client);
        if (outcome instanceof Refusal refusal) {
            refuse(client, refusal, metric);
            return;
        }
        Credential credential = (Credential) outcome;
        path.authenticated();
        relay.challenges().credit(client.getAddress());
        if (message.hasUnknownComprehensionRequired()) {
            Answer answer = Answer.error(path, message, ErrorCode.UNKNOWN_ATTRIBUTE, ErrorCode.UNKNOWN_ATTRIBUTE.reason(),
                    relay.software());
            answer.writer.unknownAttributes(message.unknownComprehensionRequired());
            answers.send(client, answer.seal(message, credential.key()), metric);
            return;
        }
        if (credential.expired() && !(relay.allowExpiredRefresh() && keepsAllocationAlive(method))) {
            refuse(client, new Refusal(ErrorCode.UNAUTHENTICATED, AuthFailure.EXPIRED_CREDENTIAL, true), metric);
            return;
        }
        try {
            switch (method) {
                case Method.ALLOCATE -> allocate.onAllocate(client, credential, message);
                case Method.REFRESH -> onRefresh(client, credential);
                case Method.CREATE_PERMISSION -> onCreatePermission(client, credential);
                case Method.CHANNEL_BIND -> onChannelBind(client, credential);
                case Method.CONNECT -> tcpRequests.onConnect(client, credential, message);
                case Method.CONNECTION_BIND -> tcpRequests.onConnectionBind(client, credential, message);
                default -> throw new TurnRequestException(ErrorCode.BAD_REQUEST, Method.name(method)
                        + " is not allowed over " + transportLabel);
            }
        } catch (TurnRequestException e) {
            answers.send(client, Answer.error(path, message, e.code(), e.getMessage(), relay.software())
                    .seal(message, credential.key()), metric);
        }
    }

    /**
     * Binding (RFC 8489 §6.3.1): answered on every listener, without authentication, so without
     * SOFTWARE: the answer stays within 3x the request even for an IPv6 client.
     */
    private void onBinding(InetSocketAddress client) {
        Answer answer;
        if (message.hasUnknownComprehensionRequired()) {
            answer = Answer.error(path, message, ErrorCode.UNKNOWN_ATTRIBUTE, ErrorCode.UNKNOWN_ATTRIBUTE.reason(),
                    NO_SOFTWARE);
            answer.writer.unknownAttributes(message.unknownComprehensionRequired());
        } else {
            answer = Answer.success(path, message);
            answer.writer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, client);
        }
        answers.sendUnremembered(client, answer.seal(message, null), RequestMethod.BINDING);
    }

    /** Answers a request that did not authenticate: never with SOFTWARE, never over 3x its size. */
    private void refuse(InetSocketAddress client, Refusal refusal, RequestMethod metric) {
        relay.metrics().authFailure(refusal.reason());
        if (!refusal.challenge()) {
            answers.sendUnremembered(client, Answer.error(path, message, refusal.code(), refusal.code().reason(),
                    NO_SOFTWARE).seal(message, null), metric);
            return;
        }
        if (!relay.challenges().tryAcquire(client.getAddress())) {
            relay.metrics().authFailure(AuthFailure.RATE_LIMITED);
            return;
        }
        ByteBuf out = path.alloc().directBuffer(128);
        String nonce = relay.nonces().issue(client.getAddress(), System.currentTimeMillis());
        StunWriter writer = ErrorResponses.challenge(out, message, refusal.code(), relay.realm(), nonce,
                ErrorResponses.unauthenticatedLimit(message));
        if (writer == null) {
            out.release();
            relay.metrics().authFailure(AuthFailure.TOO_SMALL_TO_CHALLENGE);
            return;
        }
        answers.sendUnremembered(client, Answer.wrap(out, writer, refusal.code().code()).seal(message, null), metric);
    }

    /**
     * The requests that keep an existing allocation working: an expired REST credential may still send
     * them (--allow-expired-refresh), for the allocation its username owns only ({@link AllocationTable#ownedSocket}).
     * Without CreatePermission and ChannelBind a call would still die when its permissions lapse after
     * 300 s (RFC 8656 §9).
     */
    private static boolean keepsAllocationAlive(int method) {
        return method == Method.REFRESH || method == Method.CREATE_PERMISSION || method == Method.CHANNEL_BIND;
    }

    private static RequestMethod requestMethod(int method) {
        return switch (method) {
            case Method.ALLOCATE -> RequestMethod.ALLOCATE;
            case Method.REFRESH -> RequestMethod.REFRESH;
            case Method.CREATE_PERMISSION -> RequestMethod.CREATE_PERMISSION;
            case Method.CHANNEL_BIND -> RequestMethod.CHANNEL_BIND;
            case Method.CONNECT -> RequestMethod.CONNECT;
            case Method.CONNECTION_BIND -> RequestMethod.CONNECTION_BIND;
            default -> null;
        };
    }

    private void onRefresh(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = allocations.ownedSocket(client, credential);
        Allocation allocation = socket.allocation();
        int family = message.find(AttributeType.REQUESTED_ADDRESS_FAMILY);
        if (family >= 0 && !hasFamily(allocation, family)) {
            throw new TurnRequestException(ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch");
        }
        int lifetimeIndex = message.find(AttributeType.LIFETIME);
        long requested = lifetimeIndex >= 0 ? unsignedInt(lifetimeIndex) : 0;
        long lifetime = TurnTimers.desiredLifetimeSeconds(requested, lifetimeIndex >= 0, relay.maxLifetimeSeconds());
        long now = System.nanoTime();
        if (lifetime == 0) {
            allocations.endAllocation(socket);
        } else {
            allocation.refresh(lifetime, now);
            if (relay.drain().isDraining()) {
                allocation.expireNoLaterThan(relay.drain().deadlineNanos());
            }
        }
        Answer answer = Answer.success(path, message);
        answer.writer.unsignedInt(AttributeType.LIFETIME, lifetime == 0 ? 0 : allocation.remainingSeconds(now));
        answers.software(answer);
        answers.send(client, answer.seal(message, credential.key()), RequestMethod.REFRESH);
    }

    private boolean hasFamily(Allocation allocation, int familyIndex) throws TurnRequestException {
        try {
            message.requireLength(familyIndex, 4);
            int family = message.firstByte(familyIndex);
            return family == XorAddress.FAMILY_IPV4 ? allocation.relayedIpv4() != null
                    : family == XorAddress.FAMILY_IPV6 && allocation.relayedIpv6() != null;
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private void onCreatePermission(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = allocations.ownedSocket(client, credential);
        Allocation allocation = socket.allocation();
        List<InetSocketAddress> named = new ArrayList<>();
        for (int i = 0; i < message.attributeCount(); i++) {
            if (message.attributeType(i) == AttributeType.XOR_PEER_ADDRESS) {
                named.add(peers.checkedPeer(message, allocation, i));
            }
        }
        if (named.isEmpty()) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "XOR-PEER-ADDRESS missing");
        }
        InetAddress[] addresses = named.stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
        if (!allocation.hasRoomForPermissions(addresses)) {
            throw new TurnRequestException(ErrorCode.INSUFFICIENT_CAPACITY, "Too many permissions");
        }
        long now = System.nanoTime();
        for (InetAddress address : addresses) {
            allocation.installPermission(address, now);
        }
        Answer answer = Answer.success(path, message);
        answers.software(answer);
        answers.send(client, answer.seal(message, credential.key()), RequestMethod.CREATE_PERMISSION);
    }

    private void onChannelBind(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = allocations.ownedSocket(client, credential);
        Allocation allocation = socket.allocation();
        int numberIndex = message.find(AttributeType.CHANNEL_NUMBER);
        int peerIndex = message.find(AttributeType.XOR_PEER_ADDRESS);
        if (numberIndex < 0 || peerIndex < 0) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "CHANNEL-NUMBER or XOR-PEER-ADDRESS missing");
        }
        int number = (int) (unsignedInt(numberIndex) >>> 16);
        if (!ChannelData.isValidNumber(number)) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, String.format("Channel number 0x%04x out of range",
                    number));
        }
        InetSocketAddress peer = peers.checkedTransportPeer(message, allocation, peerIndex);
        BindResult result = allocation.bindChannel(number, peer, System.nanoTime());
        switch (result) {
            case NUMBER_BOUND_TO_OTHER_PEER -> throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "Channel number bound to another peer");
            case PEER_BOUND_TO_OTHER_NUMBER -> throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "Peer bound to another channel");
            case TOO_MANY_BINDINGS -> throw new TurnRequestException(ErrorCode.INSUFFICIENT_CAPACITY,
                    "Too many channels");
            case BOUND, REFRESHED -> {
                Answer answer = Answer.success(path, message);
                answers.software(answer);
                answers.send(client, answer.seal(message, credential.key()), RequestMethod.CHANNEL_BIND);
            }
        }
    }

    private long unsignedInt(int index) throws TurnRequestException {
        try {
            return message.unsignedInt(index);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

}
