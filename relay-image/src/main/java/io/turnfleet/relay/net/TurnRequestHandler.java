package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;
import io.turnfleet.relay.admin.AuthFailure;
import io.turnfleet.relay.admin.Direction;
import io.turnfleet.relay.admin.DropReason;
import io.turnfleet.relay.admin.Quota;
import io.turnfleet.relay.admin.RequestMethod;
import io.turnfleet.relay.log.LogField;
import io.turnfleet.relay.log.LoggedAddress;
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
import io.turnfleet.relay.turn.AllocateRequest;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.BindResult;
import io.turnfleet.relay.turn.ChannelBinding;
import io.turnfleet.relay.turn.FiveTuple;
import io.turnfleet.relay.turn.ReservationTokens;
import io.turnfleet.relay.turn.TransactionCache;
import io.turnfleet.relay.turn.TurnRequestException;
import io.turnfleet.relay.turn.TurnTimers;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dispatches what a client sends: STUN requests by method (one {@code on*} method each, RFC 8656
 * §7-§12), Send indications and ChannelData. One instance per client path, used on its event loop
 * only. Requests are authenticated before anything else; answers are remembered for retransmissions.
 */
final class TurnRequestHandler {
    private static final Logger LOG = Logger.getLogger(TurnRequestHandler.class.getName());
    private final RelayContext relay;
    private final ClientPath path;
    private final String transportLabel;
    private final RequestAuthenticator authenticator;
    private final RelaySocketBinder binder;
    private final TcpRelayRequests tcpRequests;
    private final StunMessage message = new StunMessage();
    private final TransactionCache answers = new TransactionCache(8192);
    private final List<RelaySocket> flushPending = new ArrayList<>();

    TurnRequestHandler(RelayContext relay, ClientPath path) {
        this.relay = relay;
        this.path = path;
        this.transportLabel = path.transport().scheme();
        this.authenticator = new RequestAuthenticator(relay);
        this.binder = new RelaySocketBinder(relay);
        this.tcpRequests = new TcpRelayRequests(relay, path, this);
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
            onSend(client);
        }
    }

    private void onRequest(InetSocketAddress client) {
        byte[] cached = answers.find(client, message.transactionHigh(), message.transactionLow(), System.nanoTime());
        if (cached != null) {
            path.send(client, path.alloc().directBuffer(cached.length).writeBytes(cached));
            return;
        }
        int method = message.method();
        if (method == Method.BINDING) {
            onBinding(client);
            return;
        }
        RequestMethod metric = requestMethod(method);
        if (metric == null) {
            send(client, Answer.error(path, message, ErrorCode.BAD_REQUEST, "Unknown method", relay.software())
                    .seal(message, null), null);
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
            send(client, answer.seal(message, credential.key()), metric);
            return;
        }
        if (credential.expired() && !(method == Method.REFRESH && relay.allowExpiredRefresh())) {
            refuse(client, new Refusal(ErrorCode.UNAUTHENTICATED, AuthFailure.EXPIRED_CREDENTIAL, true), metric);
            return;
        }
        try {
            switch (method) {
                case Method.ALLOCATE -> onAllocate(client, credential);
                case Method.REFRESH -> onRefresh(client, credential);
                case Method.CREATE_PERMISSION -> onCreatePermission(client, credential);
                case Method.CHANNEL_BIND -> onChannelBind(client, credential);
                case Method.CONNECT -> tcpRequests.onConnect(client, credential, message);
                case Method.CONNECTION_BIND -> tcpRequests.onConnectionBind(client, credential, message);
                default -> throw new TurnRequestException(ErrorCode.BAD_REQUEST, Method.name(method)
                        + " is not allowed over " + transportLabel);
            }
        } catch (TurnRequestException e) {
            send(client, Answer.error(path, message, e.code(), e.getMessage(), relay.software())
                    .seal(message, credential.key()), metric);
        }
    }

    /** Binding (RFC 8489 §6.3.1): answered on every listener, without authentication. */
    private void onBinding(InetSocketAddress client) {
        Answer answer;
        if (message.hasUnknownComprehensionRequired()) {
            answer = Answer.error(path, message, ErrorCode.UNKNOWN_ATTRIBUTE, ErrorCode.UNKNOWN_ATTRIBUTE.reason(),
                    relay.software());
            answer.writer.unknownAttributes(message.unknownComprehensionRequired());
        } else {
            answer = Answer.success(path, message);
            answer.writer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, client);
            software(answer);
        }
        send(client, answer.seal(message, null), RequestMethod.BINDING);
    }

    private void refuse(InetSocketAddress client, Refusal refusal, RequestMethod metric) {
        relay.metrics().authFailure(refusal.reason());
        if (!refusal.challenge()) {
            send(client, Answer.error(path, message, refusal.code(), refusal.code().reason(), relay.software())
                    .seal(message, null), metric);
            return;
        }
        if (!relay.challenges().tryAcquire(client.getAddress())) {
            relay.metrics().authFailure(AuthFailure.RATE_LIMITED);
            return;
        }
        ByteBuf out = path.alloc().directBuffer(256);
        String nonce = relay.nonces().issue(client.getAddress(), System.currentTimeMillis());
        StunWriter writer = ErrorResponses.challenge(out, message, refusal.code(), relay.realm(), nonce,
                relay.software());
        send(client, Answer.wrap(out, writer, refusal.code().code()).seal(message, null), metric);
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

    private void onAllocate(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket existing = path.find(client);
        if (existing != null) {
            if (existing.isPending() && existing.isCreatedBy(message.transactionHigh(), message.transactionLow())) {
                return; // a retransmission while the relay sockets bind: the answer is on its way
            }
            throw new TurnRequestException(ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
        }
        AllocateRequest request = AllocateRequest.from(message);
        if (request.protocol() == AllocateRequest.TCP) {
            TcpRelayRequests.checkAllocate(request, path);
        }
        if (relay.drain().isDraining()) {
            redirect(client, credential, ErrorCode.FORBIDDEN, "Server draining");
            return;
        }
        RelayAddresses addresses = relay.addresses();
        if (!request.hasReservationToken() && (request.ipv4() && !addresses.supports(true)) || (request.ipv6() && !request.ipv6Additional()
                && !addresses.supports(false))) {
            throw new TurnRequestException(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "Address Family not Supported");
        }
        switch (relay.quota().tryAcquire(credential.username())) {
            case USER_QUOTA_REACHED -> {
                relay.metrics().quotaRejected(Quota.USER);
                throw new TurnRequestException(ErrorCode.ALLOCATION_QUOTA_REACHED, "Allocation Quota Reached");
            }
            case CAPACITY_REACHED -> {
                relay.metrics().quotaRejected(Quota.TOTAL);
                redirect(client, credential, ErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity");
                return;
            }
            case GRANTED -> startAllocation(client, credential, request);
        }
    }

    private void startAllocation(InetSocketAddress client, Credential credential, AllocateRequest request)
            throws TurnRequestException {
        int reservedPort = -1;
        boolean ipv4 = request.ipv4();
        if (request.hasReservationToken()) {
            ReservationTokens.Reservation reservation = relay.reservations().redeem(request.reservationToken(),
                    System.nanoTime());
            if (reservation == null || !relay.addresses().supports(reservation.ipv4())) {
                relay.quota().release(credential.username());
                if (reservation != null) {
                    relay.ports().release(reservation.port());
                }
                throw new TurnRequestException(ErrorCode.INSUFFICIENT_CAPACITY, "Unknown or expired RESERVATION-TOKEN");
            }
            reservedPort = reservation.port();
            ipv4 = reservation.ipv4();
        }
        boolean primaryIpv4 = ipv4;
        boolean ipv6Additional = request.ipv6Additional() && relay.addresses().supports(false);
        long transactionHigh = message.transactionHigh();
        int transactionLow = message.transactionLow();
        RelaySocket socket = new RelaySocket(path, client, transactionHigh, transactionLow);
        path.add(socket);
        // The request's bytes are borrowed and gone when binding completes: answer from a copy.
        StunMessage request0 = copyOfMessage();
        RelaySocketBinder.Completion completion = (reservationToken, failure) -> {
            if (failure != null) {
                endAllocation(socket);
                relay.quota().release(credential.username());
                relay.metrics().quotaRejected(Quota.PORTS);
                send(client, Answer.error(path, request0, failure, failure.reason(), relay.software())
                        .seal(request0, credential.key()), RequestMethod.ALLOCATE);
                request0.buffer().release();
                return;
            }
            long now = System.nanoTime();
            long lifetime = TurnTimers.initialLifetimeSeconds(request.lifetimeSeconds(), request.hasLifetime(),
                    relay.maxLifetimeSeconds());
            Allocation allocation = new Allocation(
                    new FiveTuple(client, path.localAddress(), path.transport()),
                    credential.username(),
                    primaryIpv4 ? relay.addresses().advertised(true, socket.port(true)) : null,
                    !primaryIpv4 || ipv6Additional ? relay.addresses().advertised(false, socket.port(false)) : null,
                    transactionHigh, transactionLow, relay.bandwidthPerAllocation(),
                    Math.max(lifetime, 1), now);
            socket.activate(allocation);
            Answer answer = Answer.success(path, request0);
            if (allocation.relayedIpv4() != null) {
                answer.writer.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, allocation.relayedIpv4());
            }
            if (allocation.relayedIpv6() != null) {
                answer.writer.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, allocation.relayedIpv6());
            }
            if (request.ipv6Additional() && !ipv6Additional) {
                answer.writer.errorCode(AttributeType.ADDRESS_ERROR_CODE, XorAddress.FAMILY_IPV6,
                        ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED.code(), ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED.reason());
            }
            answer.writer.unsignedInt(AttributeType.LIFETIME, allocation.remainingSeconds(now));
            if (reservationToken != null) {
                answer.writer.longValue(AttributeType.RESERVATION_TOKEN, reservationToken);
            }
            answer.writer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, client);
            software(answer);
            send(client, answer.seal(request0, credential.key()), RequestMethod.ALLOCATE);
            request0.buffer().release();
        };
        if (request.protocol() == AllocateRequest.TCP) {
            binder.bindTcp(socket, primaryIpv4, new TcpAllocation(relay, socket, relay.peerConnections()),
                    completion);
        } else {
            binder.bind(socket, request, reservedPort, primaryIpv4, ipv6Additional, completion);
        }
    }

    /** A copy of the current request that outlives its datagram; the caller releases its buffer. */
    StunMessage copyOfMessage() {
        ByteBuf copy = io.netty.buffer.Unpooled.copiedBuffer(message.buffer().slice(message.start(),
                message.totalLength()));
        try {
            return StunMessage.parse(copy);
        } catch (StunParseException e) {
            throw new IllegalStateException("a message that parsed once parses again", e);
        }
    }

    /** A draining or full relay names another relay of the fleet (300), else refuses with {@code code}. */
    private void redirect(InetSocketAddress client, Credential credential, ErrorCode code, String reason) {
        InetSocketAddress alternate = relay.alternates().pick(client.getAddress() instanceof Inet4Address);
        Answer answer;
        if (alternate != null) {
            ByteBuf out = path.alloc().directBuffer(256);
            answer = Answer.wrap(out, ErrorResponses.tryAlternate(out, message, alternate, relay.software()),
                    ErrorCode.TRY_ALTERNATE.code());
        } else {
            answer = Answer.error(path, message, code, reason, relay.software());
        }
        send(client, answer.seal(message, credential.key()), RequestMethod.ALLOCATE);
    }

    private void onRefresh(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = ownedSocket(client, credential);
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
            endAllocation(socket);
        } else {
            allocation.refresh(lifetime, now);
            if (relay.drain().isDraining()) {
                allocation.expireNoLaterThan(relay.drain().deadlineNanos());
            }
        }
        Answer answer = Answer.success(path, message);
        answer.writer.unsignedInt(AttributeType.LIFETIME, lifetime == 0 ? 0 : allocation.remainingSeconds(now));
        software(answer);
        send(client, answer.seal(message, credential.key()), RequestMethod.REFRESH);
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
        RelaySocket socket = ownedSocket(client, credential);
        Allocation allocation = socket.allocation();
        List<InetSocketAddress> peers = new ArrayList<>();
        for (int i = 0; i < message.attributeCount(); i++) {
            if (message.attributeType(i) == AttributeType.XOR_PEER_ADDRESS) {
                peers.add(checkedPeer(allocation, i));
            }
        }
        if (peers.isEmpty()) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "XOR-PEER-ADDRESS missing");
        }
        InetAddress[] addresses = peers.stream().map(InetSocketAddress::getAddress).toArray(InetAddress[]::new);
        if (!allocation.hasRoomForPermissions(addresses)) {
            throw new TurnRequestException(ErrorCode.INSUFFICIENT_CAPACITY, "Too many permissions");
        }
        long now = System.nanoTime();
        for (InetAddress address : addresses) {
            allocation.installPermission(address, now);
        }
        Answer answer = Answer.success(path, message);
        software(answer);
        send(client, answer.seal(message, credential.key()), RequestMethod.CREATE_PERMISSION);
    }

    private void onChannelBind(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = ownedSocket(client, credential);
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
        InetSocketAddress peer = checkedPeer(allocation, peerIndex);
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
                software(answer);
                send(client, answer.seal(message, credential.key()), RequestMethod.CHANNEL_BIND);
            }
        }
    }

    /** A peer address from XOR-PEER-ADDRESS that this allocation may relay to (RFC 8656 §9.1, §11.2). */
    InetSocketAddress checkedPeer(Allocation allocation, int index) throws TurnRequestException {
        InetSocketAddress peer;
        int family;
        try {
            family = message.addressFamily(index);
            peer = message.xorAddress(index);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
        boolean ipv4Family = family == XorAddress.FAMILY_IPV4;
        if (ipv4Family ? allocation.relayedIpv4() == null : allocation.relayedIpv6() == null) {
            throw new TurnRequestException(ErrorCode.PEER_ADDRESS_FAMILY_MISMATCH, "Peer Address Family Mismatch");
        }
        if (!relay.peerPolicy().permits(peer.getAddress())) {
            relay.metrics().peerPolicyRejected();
            throw new TurnRequestException(ErrorCode.FORBIDDEN, "Peer address not allowed");
        }
        return peer;
    }

    /** The client's live allocation, which must belong to the authenticated user (RFC 8656 §5). */
    RelaySocket ownedSocket(InetSocketAddress client, Credential credential) throws TurnRequestException {
        RelaySocket socket = path.find(client);
        if (socket == null || socket.allocation() == null) {
            throw new TurnRequestException(ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
        }
        if (!socket.allocation().username().equals(credential.username())) {
            throw new TurnRequestException(ErrorCode.WRONG_CREDENTIALS, "Wrong Credentials");
        }
        return socket;
    }

    private long unsignedInt(int index) throws TurnRequestException {
        try {
            return message.unsignedInt(index);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    /** Send indication (RFC 8656 §10.2): relayed when the peer has a permission, else silently dropped. */
    private void onSend(InetSocketAddress client) {
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
        int length = buf.readableBytes() >= ChannelData.HEADER_LENGTH ? buf.getUnsignedShort(start + 2) : -1;
        if (length < 0 || length > buf.readableBytes() - ChannelData.HEADER_LENGTH) {
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
        ChannelBinding binding = allocation.channel(buf.getUnsignedShort(start), now);
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
        if (!allocation.admit(length, now)) {
            relay.metrics().dropped(DropReason.BANDWIDTH);
            return;
        }
        Channel channel = socket.channelFor(peer.getAddress());
        if (channel == null || !channel.isWritable()) {
            relay.metrics().dropped(DropReason.SEND_FAILED);
            return;
        }
        // A copy, not a slice: the datagram's buffer is read into again (ReusedReceiveBuffer).
        ByteBuf payload = path.alloc().directBuffer(length).writeBytes(buf, offset, length);
        channel.write(new DatagramPacket(payload, peer), channel.voidPromise());
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

    /** Ends an allocation: closes its sockets, returns its ports and quota (RFC 8656 §7.3, §6). */
    void endAllocation(RelaySocket socket) {
        if (!socket.close()) {
            return;
        }
        relay.ports().release(socket.port(true));
        relay.ports().release(socket.port(false));
        Allocation allocation = socket.allocation();
        if (allocation != null) {
            relay.quota().release(allocation.username());
        }
        path.remove(socket);
    }

    /**
     * Expires allocations, permissions, channels, remembered answers and unredeemed port reservations
     * (RFC 8656 §7.2: a RESERVATION-TOKEN holds its port for about 30 seconds); counts what lives on.
     */
    void sweep(Iterable<RelaySocket> sockets, long now, SweepTotals totals) {
        answers.removeExpired(now);
        relay.reservations().removeExpired(now);
        boolean draining = relay.drain().isDraining();
        List<RelaySocket> expired = new ArrayList<>();
        for (RelaySocket socket : sockets) {
            Allocation allocation = socket.allocation();
            if (allocation == null) {
                continue;
            }
            if (draining) {
                allocation.expireNoLaterThan(relay.drain().deadlineNanos());
            }
            if (allocation.isExpired(now)) {
                expired.add(socket);
                continue;
            }
            allocation.removeExpired(now);
            totals.add(allocation.permissionCount(), allocation.activeChannelCount(now));
        }
        expired.forEach(this::endAllocation);
    }

    void software(Answer answer) {
        if (!relay.software().isEmpty()) {
            answer.writer.text(AttributeType.SOFTWARE, relay.software());
        }
    }

    void send(InetSocketAddress client, Answer answer, RequestMethod metric) {
        if (metric != null) {
            relay.metrics().request(metric, answer.code);
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.log(Level.FINE, "answered request", new Object[] {LogField.field("method", metric),
                    LogField.field("result", answer.code == 0 ? "success" : answer.code),
                    LogField.field("client", LoggedAddress.of(client))});
        }
        ByteBuf out = answer.buffer;
        if (metric != RequestMethod.BINDING) {
            byte[] copy = new byte[out.readableBytes()];
            out.getBytes(out.readerIndex(), copy);
            int start = out.readerIndex();
            answers.remember(client, out.getLong(start + 8), out.getInt(start + 16), copy, System.nanoTime());
        }
        path.send(client, out);
    }
}
