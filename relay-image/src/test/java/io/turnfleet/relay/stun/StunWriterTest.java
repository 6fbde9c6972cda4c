package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every attribute kind the relay writes reads back to the value written; the header length always
 * equals the bytes written after it and padding bytes are zero (RFC 8489 §5, §14).
 */
class StunWriterTest {
    private static final long TX_HIGH = 0x0123456789ABCDEFL;
    private static final int TX_LOW = 0x76543210;

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1:32853", "0.0.0.0:0", "255.255.255.255:65535", "203.0.113.77:3478"})
    void xorAddressRoundTripsIpv4(String address) throws Exception {
        assertXorAddressRoundTrips(TransportAddress.of(address), XorAddress.FAMILY_IPV4, 8);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[2001:db8:1234:5678:11:2233:4455:6677]:32853", "[::]:0", "[::1]:65535",
            "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:49152"})
    void xorAddressRoundTripsIpv6(String address) throws Exception {
        assertXorAddressRoundTrips(TransportAddress.of(address), XorAddress.FAMILY_IPV6, 20);
    }

    private static void assertXorAddressRoundTrips(InetSocketAddress address, int family, int length) throws Exception {
        for (int type : new int[] {AttributeType.XOR_MAPPED_ADDRESS, AttributeType.XOR_PEER_ADDRESS,
                AttributeType.XOR_RELAYED_ADDRESS}) {
            try (Datagram out = Datagram.empty()) {
                StunWriter writer = success(out).xorAddress(type, address);
                StunMessage message = assertWellFormed(out, writer);

                assertThat(message.attributeType(0)).isEqualTo(type);
                assertThat(message.valueLength(0)).isEqualTo(length);
                assertThat(message.addressFamily(0)).isEqualTo(family);
                assertThat(message.xorAddress(0)).isEqualTo(address);
                assertThat(message.plainAddress(0)).as("the bytes on the wire are XORed").isNotEqualTo(address);
            }
        }
    }

    @Test
    void xorAddressFromRawBytesIsWrittenLikeOneFromAnInetAddress() throws Exception {
        for (String text : new String[] {"198.51.100.9:61000", "[2001:db8::42]:61000"}) {
            InetSocketAddress address = TransportAddress.of(text);
            try (Datagram fromInet = Datagram.empty(); Datagram fromRaw = Datagram.empty()) {
                XorAddress.write(fromInet.buf(), AttributeType.XOR_PEER_ADDRESS, address.getAddress(),
                        address.getPort(), TX_HIGH, TX_LOW);
                XorAddress.write(fromRaw.buf(), AttributeType.XOR_PEER_ADDRESS, address.getAddress().getAddress(),
                        address.getPort(), TX_HIGH, TX_LOW);

                assertThat(fromRaw.bytes()).as(text).isEqualTo(fromInet.bytes());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1:3478", "[2001:db8::1]:5349"})
    void plainAddressRoundTripsWithPortAndAddressInTheClear(String text) throws Exception {
        InetSocketAddress address = TransportAddress.of(text);
        for (int type : new int[] {AttributeType.MAPPED_ADDRESS, AttributeType.ALTERNATE_SERVER}) {
            try (Datagram out = Datagram.empty()) {
                StunWriter writer = success(out).plainAddress(type, address);
                StunMessage message = assertWellFormed(out, writer);
                ByteBuf buf = message.buffer();
                int value = message.valueOffset(0);

                assertThat(message.plainAddress(0)).isEqualTo(address);
                assertThat(buf.getByte(value)).as("reserved byte").isZero();
                assertThat(buf.getUnsignedByte(value + 1)).isEqualTo((short) XorAddress.familyOf(address.getAddress()));
                assertThat(buf.getUnsignedShort(value + 2)).isEqualTo(address.getPort());
                byte[] raw = new byte[message.valueLength(0) - 4];
                buf.getBytes(value + 4, raw);
                assertThat(raw).isEqualTo(address.getAddress().getAddress());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 600, 3600, 0x7FFFFFFFL, 0xFFFFFFFFL})
    void unsignedIntRoundTripsOverItsWholeRange(long value) throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).unsignedInt(AttributeType.LIFETIME, value);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.valueLength(0)).isEqualTo(4);
            assertThat(message.unsignedInt(0)).isEqualTo(value);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, -1, Long.MIN_VALUE, 0x0102030405060708L})
    void eightByteTokenRoundTrips(long token) throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = success(out).longValue(AttributeType.RESERVATION_TOKEN, token);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.valueLength(0)).isEqualTo(8);
            assertThat(message.longValue(0)).isEqualTo(token);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "ab", "abc", "abcd", "turnfleet.example", "マトリックス", "nonce-0123456789"})
    void textRoundTripsAsUtf8(String text) throws Exception {
        for (int type : new int[] {AttributeType.USERNAME, AttributeType.REALM, AttributeType.NONCE,
                AttributeType.SOFTWARE}) {
            try (Datagram out = Datagram.empty()) {
                StunWriter writer = request(out).text(type, text);
                StunMessage message = assertWellFormed(out, writer);

                assertThat(message.valueLength(0)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
                assertThat(message.text(0)).isEqualTo(text);
            }
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 8, 1199, 1200})
    void bytesOfAnyLengthArePaddedWithZerosToAMultipleOfFour(int length) throws Exception {
        byte[] value = new byte[length];
        for (int i = 0; i < length; i++) {
            value[i] = (byte) (0xA0 + i);
        }
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = indication(out).bytes(AttributeType.DATA, value).text(AttributeType.SOFTWARE, "z");
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.valueLength(0)).isEqualTo(length);
            assertThat(message.attributeStart(1) - message.valueOffset(0)).isEqualTo((length + 3) & ~3);
            byte[] read = new byte[length];
            message.buffer().getBytes(message.valueOffset(0), read);
            assertThat(read).isEqualTo(value);
            assertThat(message.text(1)).isEqualTo("z");
        }
    }

    @Test
    void bytesFromABufferAreCopiedWithoutConsumingTheSource() throws Exception {
        try (Datagram source = Datagram.of(new byte[] {9, 8, 7, 6, 5, 4, 3}); Datagram out = Datagram.empty()) {
            StunWriter writer = indication(out).bytes(AttributeType.DATA, source.buf(), 2, 5);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(source.buf().readerIndex()).isZero();
            assertThat(source.buf().readableBytes()).isEqualTo(7);
            assertThat(message.valueLength(0)).isEqualTo(5);
            byte[] read = new byte[5];
            message.buffer().getBytes(message.valueOffset(0), read);
            assertThat(read).containsExactly(7, 6, 5, 4, 3);
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void errorCodeRoundTripsClassNumberAndReason(ErrorCode error) throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = errorResponse(out).errorCode(error.code(), error.reason());
            StunMessage message = assertWellFormed(out, writer);
            ByteBuf buf = message.buffer();
            int value = message.valueOffset(0);

            assertThat(message.attributeType(0)).isEqualTo(AttributeType.ERROR_CODE);
            assertThat(buf.getShort(value)).as("reserved bits").isZero();
            assertThat(buf.getByte(value + 2) & 0xF8).as("reserved bits beside the class").isZero();
            int errorClass = buf.getByte(value + 2) & 0x07;
            int number = buf.getUnsignedByte(value + 3);
            assertThat(errorClass).isBetween(3, 6);
            assertThat(number).isBetween(0, 99);
            assertThat(errorClass * 100 + number).isEqualTo(error.code());
            assertThat(buf.toString(value + 4, message.valueLength(0) - 4, StandardCharsets.UTF_8))
                    .isEqualTo(error.reason());
        }
    }

    @Test
    void addressErrorCodeCarriesItsFamilyInTheLeadingByte() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = errorResponse(out).errorCode(AttributeType.ADDRESS_ERROR_CODE, XorAddress.FAMILY_IPV6,
                    ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED.code(), ErrorCode.ADDRESS_FAMILY_NOT_SUPPORTED.reason());
            StunMessage message = assertWellFormed(out, writer);
            int value = message.valueOffset(0);

            assertThat(message.attributeType(0)).isEqualTo(AttributeType.ADDRESS_ERROR_CODE);
            assertThat(message.firstByte(0)).isEqualTo(XorAddress.FAMILY_IPV6);
            assertThat(message.buffer().getByte(value + 1)).isZero();
            assertThat(message.buffer().getByte(value + 2)).isEqualTo((byte) 4);
            assertThat(message.buffer().getByte(value + 3)).isEqualTo((byte) 40);
        }
    }

    @Test
    void unknownAttributesListsEachTypeInTwoBytesPaddedToFour() throws Exception {
        int[][] lists = {{}, {0x0002}, {0x0002, 0x7FFF}, {0x0002, 0x7FFF, 0x001E}};
        for (int[] types : lists) {
            try (Datagram out = Datagram.empty()) {
                StunWriter writer = errorResponse(out).errorCode(420, "Unknown Attribute").unknownAttributes(types);
                StunMessage message = assertWellFormed(out, writer);
                int index = message.find(AttributeType.UNKNOWN_ATTRIBUTES);

                assertThat(message.valueLength(index)).isEqualTo(2 * types.length);
                int[] read = new int[types.length];
                for (int i = 0; i < types.length; i++) {
                    read[i] = message.buffer().getUnsignedShort(message.valueOffset(index) + 2 * i);
                }
                assertThat(read).containsExactly(types);
            }
        }
    }

    @Test
    void leadingByteAttributesCarryTheirValueFirstAndZerosAfter() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).leadingByte(AttributeType.REQUESTED_TRANSPORT, 17, 4)
                    .leadingByte(AttributeType.REQUESTED_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)
                    .leadingByte(AttributeType.EVEN_PORT, 0x80, 1);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.valueLength(0)).isEqualTo(4);
            assertThat(message.firstByte(0)).isEqualTo(17);
            assertThat(message.unsignedInt(0)).as("RFFU bytes are zero").isEqualTo(17L << 24);
            assertThat(message.firstByte(1)).isEqualTo(XorAddress.FAMILY_IPV6);
            assertThat(message.unsignedInt(1)).isEqualTo((long) XorAddress.FAMILY_IPV6 << 24);
            assertThat(message.valueLength(2)).isEqualTo(1);
            assertThat(message.firstByte(2)).isEqualTo(0x80);
        }
    }

    @Test
    void emptyAttributesHaveNoValue() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).empty(AttributeType.DONT_FRAGMENT).empty(AttributeType.USE_CANDIDATE);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.attributeCount()).isEqualTo(2);
            assertThat(message.valueLength(0)).isZero();
            assertThat(message.valueLength(1)).isZero();
            assertThat(message.has(AttributeType.DONT_FRAGMENT)).isTrue();
        }
    }

    @Test
    void headerLengthEqualsTheBytesWrittenAfterEveryCall() throws Exception {
        InetSocketAddress v4 = TransportAddress.of("203.0.113.5:50000");
        InetSocketAddress v6 = TransportAddress.of("[2001:db8::5]:50001");
        byte[] key = "k".getBytes(StandardCharsets.UTF_8);
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = success(out);
            assertHeaderLengthIsCurrent(out, writer);
            Runnable[] steps = {
                () -> writer.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, v4),
                () -> writer.xorAddress(AttributeType.XOR_RELAYED_ADDRESS, v6),
                () -> writer.plainAddress(AttributeType.MAPPED_ADDRESS, v6),
                () -> writer.unsignedInt(AttributeType.LIFETIME, 600),
                () -> writer.longValue(AttributeType.RESERVATION_TOKEN, 42),
                () -> writer.text(AttributeType.SOFTWARE, "TurnFleet"),
                () -> writer.bytes(AttributeType.DATA, new byte[5]),
                () -> writer.errorCode(AttributeType.ADDRESS_ERROR_CODE, XorAddress.FAMILY_IPV6, 440, "x"),
                () -> writer.unknownAttributes(new int[] {0x0002}),
                () -> writer.leadingByte(AttributeType.EVEN_PORT, 0, 1),
                () -> writer.empty(AttributeType.DONT_FRAGMENT),
                () -> writer.integrity(key),
                () -> writer.integritySha256(key),
                () -> writer.fingerprint(),
            };
            for (Runnable step : steps) {
                step.run();
                assertHeaderLengthIsCurrent(out, writer);
            }
            StunMessage message = assertWellFormed(out, writer);
            assertThat(MessageIntegrity.verify(message, key)).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void allocateSuccessWithEveryAttributeTheRelayAnswersParsesBack() throws Exception {
        InetSocketAddress relayedV4 = TransportAddress.of("203.0.113.10:49152");
        InetSocketAddress relayedV6 = TransportAddress.of("[2001:db8::10]:49153");
        InetSocketAddress mapped = TransportAddress.of("198.51.100.20:40000");
        byte[] key = Rfc5769Vector.longTermKey("alice", "turnfleet", "secret");
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = success(out)
                    .xorAddress(AttributeType.XOR_RELAYED_ADDRESS, relayedV4)
                    .xorAddress(AttributeType.XOR_RELAYED_ADDRESS, relayedV6)
                    .xorAddress(AttributeType.XOR_MAPPED_ADDRESS, mapped)
                    .unsignedInt(AttributeType.LIFETIME, 600)
                    .longValue(AttributeType.RESERVATION_TOKEN, 0x1122334455667788L)
                    .text(AttributeType.SOFTWARE, "TurnFleet")
                    .integrity(key)
                    .fingerprint();
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.method()).isEqualTo(Method.ALLOCATE);
            assertThat(message.messageClass()).isEqualTo(MessageClass.SUCCESS_RESPONSE);
            assertThat(message.xorAddress(0)).isEqualTo(relayedV4);
            assertThat(message.xorAddress(1)).isEqualTo(relayedV6);
            assertThat(message.xorAddress(message.find(AttributeType.XOR_MAPPED_ADDRESS))).isEqualTo(mapped);
            assertThat(message.unsignedInt(message.find(AttributeType.LIFETIME))).isEqualTo(600);
            assertThat(message.longValue(message.find(AttributeType.RESERVATION_TOKEN))).isEqualTo(0x1122334455667788L);
            assertThat(message.text(message.find(AttributeType.SOFTWARE))).isEqualTo("TurnFleet");
            assertThat(MessageIntegrity.verify(message, key)).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void responseTakesMethodAndTransactionIdFromTheRequest() throws Exception {
        try (Datagram requestBytes = Datagram.empty(); Datagram out = Datagram.empty()) {
            StunWriter.start(requestBytes.buf(), Method.CHANNEL_BIND, MessageClass.REQUEST, TX_HIGH, TX_LOW);
            StunMessage request = requestBytes.parse();

            StunWriter writer = StunWriter.response(out.buf(), request, MessageClass.ERROR_RESPONSE)
                    .errorCode(ErrorCode.BAD_REQUEST.code(), ErrorCode.BAD_REQUEST.reason());
            StunMessage response = assertWellFormed(out, writer);

            assertThat(response.method()).isEqualTo(Method.CHANNEL_BIND);
            assertThat(response.messageClass()).isEqualTo(MessageClass.ERROR_RESPONSE);
            assertThat(response.transactionId()).isEqualTo(request.transactionId());
        }
    }

    /** A writer appends after bytes already in the buffer, as when several messages share one. */
    @Test
    void writerStartsAtTheBuffersWriterIndex() throws Exception {
        try (Datagram out = Datagram.empty()) {
            out.buf().writeInt(0xCAFEBABE);
            StunWriter writer = request(out).text(AttributeType.USERNAME, "bob").integrity(new byte[16]).fingerprint();
            out.buf().skipBytes(4);
            StunMessage message = assertWellFormed(out, writer);

            assertThat(message.start()).isEqualTo(4);
            assertThat(MessageIntegrity.verify(message, new byte[16])).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    /** Parses what {@code writer} wrote and checks header length, framing and zero padding. */
    private static StunMessage assertWellFormed(Datagram out, StunWriter writer) throws StunParseException {
        assertHeaderLengthIsCurrent(out, writer);
        StunMessage message = out.parse();
        assertThat(message.totalLength()).isEqualTo(writer.length());
        int end = message.start() + StunMessage.HEADER_LENGTH;
        for (int i = 0; i < message.attributeCount(); i++) {
            assertThat(message.attributeStart(i)).as("attribute %d starts where the previous one ends", i).isEqualTo(end);
            int valueEnd = message.valueOffset(i) + message.valueLength(i);
            end = message.valueOffset(i) + ((message.valueLength(i) + 3) & ~3);
            for (int p = valueEnd; p < end; p++) {
                assertThat(message.buffer().getByte(p)).as("padding byte of attribute %d", i).isZero();
            }
        }
        assertThat(end).isEqualTo(message.start() + message.totalLength());
        return message;
    }

    private static void assertHeaderLengthIsCurrent(Datagram out, StunWriter writer) {
        int start = out.buf().writerIndex() - writer.length();
        assertThat(out.buf().getUnsignedShort(start + 2)).isEqualTo(writer.length() - StunMessage.HEADER_LENGTH);
        assertThat(writer.length() % 4).isZero();
    }

    private static StunWriter request(Datagram out) {
        return StunWriter.start(out.buf(), Method.ALLOCATE, MessageClass.REQUEST, TX_HIGH, TX_LOW);
    }

    private static StunWriter success(Datagram out) {
        return StunWriter.start(out.buf(), Method.ALLOCATE, MessageClass.SUCCESS_RESPONSE, TX_HIGH, TX_LOW);
    }

    private static StunWriter errorResponse(Datagram out) {
        return StunWriter.start(out.buf(), Method.ALLOCATE, MessageClass.ERROR_RESPONSE, TX_HIGH, TX_LOW);
    }

    private static StunWriter indication(Datagram out) {
        return StunWriter.start(out.buf(), Method.DATA, MessageClass.INDICATION, TX_HIGH, TX_LOW);
    }
}
