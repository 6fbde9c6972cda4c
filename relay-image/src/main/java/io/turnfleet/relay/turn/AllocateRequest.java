package io.turnfleet.relay.turn;

import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.stun.XorAddress;

/**
 * The attributes of an Allocate request, checked against the rules of RFC 8656 §7.2 that need no
 * server state: which transport, which address families, which port handling, which lifetime.
 *
 * @param protocol        REQUESTED-TRANSPORT's protocol number: {@link #UDP} or {@link #TCP}
 * @param ipv4            whether an IPv4 relayed address is wanted
 * @param ipv6            whether an IPv6 relayed address is wanted
 * @param ipv6Additional  whether IPv6 comes from ADDITIONAL-ADDRESS-FAMILY (dual allocation, §7.2)
 * @param evenPort        EVEN-PORT present
 * @param reserveNext     EVEN-PORT's R bit: reserve the next port for a later Allocate
 * @param reservationToken RESERVATION-TOKEN value when {@code hasReservationToken}
 * @param lifetimeSeconds LIFETIME value when {@code hasLifetime}
 */
public record AllocateRequest(int protocol, boolean ipv4, boolean ipv6, boolean ipv6Additional, boolean evenPort,
                              boolean reserveNext, boolean hasReservationToken, long reservationToken,
                              boolean hasLifetime, long lifetimeSeconds, boolean dontFragment) {
    public static final int UDP = 17;
    public static final int TCP = 6;

    public static AllocateRequest from(StunMessage request) throws TurnRequestException {
        try {
            return parse(request);
        } catch (StunParseException e) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, e.getMessage());
        }
    }

    private static AllocateRequest parse(StunMessage m) throws StunParseException, TurnRequestException {
        int transport = m.find(AttributeType.REQUESTED_TRANSPORT);
        if (transport < 0) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST, "REQUESTED-TRANSPORT missing");
        }
        m.requireLength(transport, 4);
        int protocol = m.firstByte(transport);
        if (protocol != UDP && protocol != TCP) {
            throw new TurnRequestException(ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL,
                    "Unsupported Transport Protocol " + protocol);
        }
        int evenPort = m.find(AttributeType.EVEN_PORT);
        int token = m.find(AttributeType.RESERVATION_TOKEN);
        int requestedFamily = m.find(AttributeType.REQUESTED_ADDRESS_FAMILY);
        int additionalFamily = m.find(AttributeType.ADDITIONAL_ADDRESS_FAMILY);
        if (additionalFamily < 0) {
            additionalFamily = m.find(AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT);
        }
        if (token >= 0 && (evenPort >= 0 || requestedFamily >= 0 || additionalFamily >= 0)) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "RESERVATION-TOKEN with EVEN-PORT or an address family");
        }
        if (requestedFamily >= 0 && additionalFamily >= 0) {
            throw new TurnRequestException(ErrorCode.BAD_REQUEST,
                    "REQUESTED-ADDRESS-FAMILY with ADDITIONAL-ADDRESS-FAMILY");
        }
        boolean ipv4 = true;
        boolean ipv6 = false;
        boolean additional = false;
        if (requestedFamily >= 0) {
            m.requireLength(requestedFamily, 4);
            int family = m.firstByte(requestedFamily);
            if (family != XorAddress.FAMILY_IPV4 && family != XorAddress.FAMILY_IPV6) {
                throw new TurnRequestException(ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED,
                        "Address Family not Supported " + family);
            }
            ipv4 = family == XorAddress.FAMILY_IPV4;
            ipv6 = !ipv4;
        }
        if (additionalFamily >= 0) {
            m.requireLength(additionalFamily, 4);
            if (m.firstByte(additionalFamily) != XorAddress.FAMILY_IPV6) {
                throw new TurnRequestException(ErrorCode.BAD_REQUEST, "ADDITIONAL-ADDRESS-FAMILY must be IPv6");
            }
            ipv6 = true;
            additional = true;
        }
        boolean reserveNext = false;
        if (evenPort >= 0) {
            if (m.valueLength(evenPort) < 1) {
                throw new TurnRequestException(ErrorCode.BAD_REQUEST, "EVEN-PORT is empty");
            }
            reserveNext = (m.firstByte(evenPort) & 0x80) != 0;
        }
        long tokenValue = token >= 0 ? m.longValue(token) : 0;
        int lifetime = m.find(AttributeType.LIFETIME);
        long lifetimeSeconds = lifetime >= 0 ? m.unsignedInt(lifetime) : 0;
        return new AllocateRequest(protocol, ipv4, ipv6, additional, evenPort >= 0, reserveNext, token >= 0,
                tokenValue, lifetime >= 0, lifetimeSeconds, m.has(AttributeType.DONT_FRAGMENT));
    }
}
