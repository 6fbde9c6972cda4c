package io.turnfleet.relay.turn;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;
import io.turnfleet.relay.stun.StunWriter;
import io.turnfleet.relay.stun.XorAddress;
import org.junit.jupiter.api.Test;

import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllocateRequestTest {

    private static final Consumer<StunWriter> UDP = w -> w.leadingByte(AttributeType.REQUESTED_TRANSPORT, 17, 4);

    private static AllocateRequest allocate(Consumer<StunWriter> attributes) throws TurnRequestException {
        ByteBuf buf = Unpooled.buffer();
        try {
            attributes.accept(StunWriter.start(buf, Method.ALLOCATE, MessageClass.REQUEST, 0x0102030405060708L, 9));
            return AllocateRequest.from(StunMessage.parse(buf));
        } catch (StunParseException e) {
            throw new AssertionError("test message does not parse", e);
        } finally {
            assertThat(buf.release()).isTrue();
        }
    }

    private static void assertRefused(Consumer<StunWriter> attributes, ErrorCode code, String reason) {
        assertThatThrownBy(() -> allocate(attributes))
                .isInstanceOfSatisfying(TurnRequestException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContaining(reason);
    }

    @Test
    void udpRequestWithNothingElseAsksForOneIpv4AddressWithDefaults() throws Exception {
        AllocateRequest request = allocate(UDP);

        assertThat(request.protocol()).isEqualTo(AllocateRequest.UDP);
        assertThat(request.ipv4()).isTrue();
        assertThat(request.ipv6()).isFalse();
        assertThat(request.ipv6Additional()).isFalse();
        assertThat(request.evenPort()).isFalse();
        assertThat(request.reserveNext()).isFalse();
        assertThat(request.hasReservationToken()).isFalse();
        assertThat(request.hasLifetime()).isFalse();
        assertThat(request.dontFragment()).isFalse();
    }

    @Test
    void missingRequestedTransportIsABadRequest() {
        assertRefused(w -> w.unsignedInt(AttributeType.LIFETIME, 600), ErrorCode.BAD_REQUEST, "REQUESTED-TRANSPORT");
    }

    @Test
    void requestedTransportOfWrongLengthIsABadRequest() {
        assertRefused(w -> w.leadingByte(AttributeType.REQUESTED_TRANSPORT, 17, 8), ErrorCode.BAD_REQUEST,
                "length 8 (expected 4)");
    }

    @Test
    void tcpIsReadForTheCallerToJudge() throws Exception {
        assertThat(allocate(w -> w.leadingByte(AttributeType.REQUESTED_TRANSPORT, 6, 4)).protocol())
                .isEqualTo(AllocateRequest.TCP);
    }

    @Test
    void transportOtherThanUdpOrTcpIsUnsupported() {
        assertRefused(w -> w.leadingByte(AttributeType.REQUESTED_TRANSPORT, 132, 4),
                ErrorCode.UNSUPPORTED_TRANSPORT_PROTOCOL, "132");
    }

    @Test
    void reservationTokenWithEvenPortIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.longValue(AttributeType.RESERVATION_TOKEN, 1))
                .andThen(w -> w.leadingByte(AttributeType.EVEN_PORT, 0, 1)), ErrorCode.BAD_REQUEST, "RESERVATION-TOKEN");
    }

    @Test
    void reservationTokenWithRequestedAddressFamilyIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.longValue(AttributeType.RESERVATION_TOKEN, 1))
                .andThen(w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, XorAddress.FAMILY_IPV4, 4)),
                ErrorCode.BAD_REQUEST, "RESERVATION-TOKEN");
    }

    @Test
    void reservationTokenWithAdditionalAddressFamilyIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.longValue(AttributeType.RESERVATION_TOKEN, 1))
                .andThen(w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)),
                ErrorCode.BAD_REQUEST, "RESERVATION-TOKEN");
    }

    @Test
    void requestedAndAdditionalAddressFamilyTogetherAreABadRequest() {
        assertRefused(UDP.andThen(w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, XorAddress.FAMILY_IPV4, 4))
                .andThen(w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)),
                ErrorCode.BAD_REQUEST, "ADDITIONAL-ADDRESS-FAMILY");
    }

    @Test
    void requestedAddressFamilyIpv6AsksForIpv6Only() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(
                w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)));

        assertThat(request.ipv4()).isFalse();
        assertThat(request.ipv6()).isTrue();
        assertThat(request.ipv6Additional()).isFalse();
    }

    @Test
    void requestedAddressFamilyIpv4AsksForIpv4Only() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(
                w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, XorAddress.FAMILY_IPV4, 4)));

        assertThat(request.ipv4()).isTrue();
        assertThat(request.ipv6()).isFalse();
    }

    @Test
    void unknownRequestedAddressFamilyIsNotSupported() {
        assertRefused(UDP.andThen(w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, 3, 4)),
                ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED, "3");
    }

    @Test
    void requestedAddressFamilyOfWrongLengthIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, 1, 2)),
                ErrorCode.BAD_REQUEST, "length 2 (expected 4)");
    }

    @Test
    void additionalAddressFamilyIpv6AsksForBothFamilies() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(
                w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)));

        assertThat(request.ipv4()).isTrue();
        assertThat(request.ipv6()).isTrue();
        assertThat(request.ipv6Additional()).isTrue();
    }

    @Test
    void draftCodePointOfAdditionalAddressFamilyAsksForBothFamiliesToo() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(
                w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY_DRAFT, XorAddress.FAMILY_IPV6, 4)));

        assertThat(request.ipv6Additional()).isTrue();
    }

    @Test
    void additionalAddressFamilyIpv4IsABadRequest() {
        assertRefused(UDP.andThen(w -> w.leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, XorAddress.FAMILY_IPV4, 4)),
                ErrorCode.BAD_REQUEST, "must be IPv6");
    }

    @Test
    void evenPortWithTheRBitAsksToReserveTheNextPort() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(w -> w.leadingByte(AttributeType.EVEN_PORT, 0x80, 1)));

        assertThat(request.evenPort()).isTrue();
        assertThat(request.reserveNext()).isTrue();
    }

    @Test
    void evenPortWithoutTheRBitReservesNothing() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(w -> w.leadingByte(AttributeType.EVEN_PORT, 0x00, 1)));

        assertThat(request.evenPort()).isTrue();
        assertThat(request.reserveNext()).isFalse();
    }

    @Test
    void emptyEvenPortIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.empty(AttributeType.EVEN_PORT)), ErrorCode.BAD_REQUEST, "EVEN-PORT");
    }

    @Test
    void reservationTokenIsReadAsEightBytes() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(
                w -> w.longValue(AttributeType.RESERVATION_TOKEN, 0xfedcba9876543210L)));

        assertThat(request.hasReservationToken()).isTrue();
        assertThat(request.reservationToken()).isEqualTo(0xfedcba9876543210L);
    }

    @Test
    void reservationTokenOfWrongLengthIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.unsignedInt(AttributeType.RESERVATION_TOKEN, 1)), ErrorCode.BAD_REQUEST,
                "length 4 (expected 8)");
    }

    @Test
    void lifetimeIsReadAsUnsigned() throws Exception {
        AllocateRequest request = allocate(UDP.andThen(w -> w.unsignedInt(AttributeType.LIFETIME, 0xFFFFFFFFL)));

        assertThat(request.hasLifetime()).isTrue();
        assertThat(request.lifetimeSeconds()).isEqualTo(0xFFFFFFFFL);
    }

    @Test
    void lifetimeOfWrongLengthIsABadRequest() {
        assertRefused(UDP.andThen(w -> w.longValue(AttributeType.LIFETIME, 600)), ErrorCode.BAD_REQUEST,
                "length 8 (expected 4)");
    }

    @Test
    void dontFragmentIsNoted() throws Exception {
        assertThat(allocate(UDP.andThen(w -> w.empty(AttributeType.DONT_FRAGMENT))).dontFragment()).isTrue();
    }
}
