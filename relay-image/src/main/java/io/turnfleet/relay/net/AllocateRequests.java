package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.admin.Quota;
import io.turnfleet.relay.admin.RequestMethod;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.fleet.AlternateServer;
import io.turnfleet.relay.net.RequestAuthenticator.Credential;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.ErrorResponses;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.XorAddress;
import io.turnfleet.relay.turn.AllocateRequest;
import io.turnfleet.relay.turn.Allocation;
import io.turnfleet.relay.turn.FiveTuple;
import io.turnfleet.relay.turn.ReservationTokens;
import io.turnfleet.relay.turn.TurnRequestException;
import io.turnfleet.relay.turn.TurnTimers;

import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Allocate (RFC 8656 §7.2, RFC 6062 §5.1): the checks, the quota, the relay sockets bound
 * asynchronously and the success answer once they are; a draining or full relay redirects.
 * One per client path, on its event loop.
 */
final class AllocateRequests {
    private final RelayContext relay;
    private final ClientPath path;
    private final RelaySocketBinder binder;
    private final Answers answers;
    private final AllocationTable allocations;

    AllocateRequests(RelayContext relay, ClientPath path, Answers answers, AllocationTable allocations) {
        this.relay = relay;
        this.path = path;
        this.binder = new RelaySocketBinder(relay);
        this.answers = answers;
        this.allocations = allocations;
    }

    void onAllocate(InetSocketAddress client, Credential credential, StunMessage message)
            throws TurnRequestException {
        RelaySocket existing = path.find(client);
        if (existing != null) {
            if (existing.isCreatedBy(message.transactionHigh(), message.transactionLow())) {
                // RFC 8656 §7.2: a retransmission gets the success answer again, also after the answer
                // cache forgot it; while the relay sockets still bind, the answer is on its way.
                byte[] success = existing.allocateAnswer();
                if (success != null) {
                    path.send(client, path.alloc().directBuffer(success.length).writeBytes(success));
                }
                if (success != null || existing.isPending()) {
                    return;
                }
            }
            throw new TurnRequestException(ErrorCode.ALLOCATION_MISMATCH, "Allocation Mismatch");
        }
        AllocateRequest request = AllocateRequest.from(message);
        if (request.protocol() == AllocateRequest.TCP) {
            TcpRelayRequests.checkAllocate(request, path);
        }
        if (relay.drain().isDraining()) {
            redirect(client, credential, ErrorCode.FORBIDDEN, "Server draining", message);
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
                redirect(client, credential, ErrorCode.INSUFFICIENT_CAPACITY, "Insufficient Capacity", message);
                return;
            }
            case GRANTED -> startAllocation(client, credential, request, message);
        }
    }

    private void startAllocation(InetSocketAddress client, Credential credential, AllocateRequest request,
                                 StunMessage message) throws TurnRequestException {
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
        StunMessage request0 = message.copy();
        RelaySocketBinder.Completion completion = (reservationToken, failure) -> {
            if (failure != null) {
                allocations.endAllocation(socket);
                relay.quota().release(credential.username());
                relay.metrics().quotaRejected(Quota.PORTS);
                answers.send(client, Answer.error(path, request0, failure, failure.reason(), relay.software())
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
            Answer answer = successAnswer(request0, request, allocation, ipv6Additional, reservationToken, client,
                    now);
            socket.allocateAnswer(answers.send(client, answer.seal(request0, credential.key()),
                    RequestMethod.ALLOCATE));
            request0.buffer().release();
        };
        if (request.protocol() == AllocateRequest.TCP) {
            binder.bindTcp(socket, primaryIpv4, new TcpAllocation(relay, socket, relay.peerConnections()),
                    completion);
        } else {
            binder.bind(socket, request, reservedPort, primaryIpv4, ipv6Additional, completion);
        }
    }

    /** The Allocate success answer (RFC 8656 §7.3), also what a retransmission of the request gets. */
    private Answer successAnswer(StunMessage request0, AllocateRequest request, Allocation allocation,
                                 boolean ipv6Additional, Long reservationToken, InetSocketAddress client, long now) {
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
        answers.software(answer);
        return answer;
    }

    /**
     * A draining or full relay names another relay of the fleet (300) on the client's own transport,
     * with ALTERNATE-DOMAIN for a TLS client when the fleet file names one; else refuses with {@code code}.
     */
    private void redirect(InetSocketAddress client, Credential credential, ErrorCode code, String reason,
                          StunMessage message) {
        AlternateServer alternate = relay.alternates().pick(client.getAddress() instanceof Inet4Address);
        Answer answer;
        if (alternate != null) {
            ByteBuf out = path.alloc().directBuffer(256);
            Transport transport = path.transport();
            InetSocketAddress target = alternate.addressFor(transport, path.localAddress().getPort());
            String domain = transport == Transport.TLS ? alternate.domain() : null;
            answer = Answer.wrap(out, ErrorResponses.tryAlternate(out, message, target, domain, relay.software()),
                    ErrorCode.TRY_ALTERNATE.code());
        } else {
            answer = Answer.error(path, message, code, reason, relay.software());
        }
        answers.send(client, answer.seal(message, credential.key()), RequestMethod.ALLOCATE);
    }
}
