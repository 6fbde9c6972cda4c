package io.turnfleet.relay.stun;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each way a datagram can fail to be a STUN message is refused with a message that names it. */
class MalformedStunMessageTest {
    private static final int BINDING_REQUEST = 0x0001;

    @Test
    void datagramShorterThanTheHeaderIsRefused() {
        assertRefused(new byte[19], "message of 19 bytes is shorter than the 20-byte STUN header");
    }

    @Test
    void emptyDatagramIsRefused() {
        assertRefused(new byte[0], "message of 0 bytes is shorter than the 20-byte STUN header");
    }

    @Test
    void messageTypeWithFirstBitsSetIsRefused() {
        assertRefused(message(0x4001, 0, StunMessage.MAGIC_COOKIE, new byte[0]),
                "first two bits of message type 0x4001 are not zero");
        assertRefused(message(0x8001, 0, StunMessage.MAGIC_COOKIE, new byte[0]),
                "first two bits of message type 0x8001 are not zero");
    }

    @Test
    void lengthNotAMultipleOfFourIsRefused() {
        assertRefused(message(BINDING_REQUEST, 6, StunMessage.MAGIC_COOKIE, new byte[6]),
                "message length 6 is not a multiple of 4");
    }

    @Test
    void lengthLongerThanTheBytesAfterTheHeaderIsRefused() {
        assertRefused(message(BINDING_REQUEST, 8, StunMessage.MAGIC_COOKIE, new byte[4]),
                "message length 8 does not match the 4 bytes after the header");
    }

    @Test
    void bytesAfterTheStatedLengthAreRefused() {
        assertRefused(message(BINDING_REQUEST, 0, StunMessage.MAGIC_COOKIE, emptyAttribute(0x8030)),
                "message length 0 does not match the 4 bytes after the header");
    }

    @Test
    void wrongMagicCookieIsRefused() {
        assertRefused(message(BINDING_REQUEST, 0, 0x2112A443, new byte[0]),
                "magic cookie 0x2112a443 is not 0x2112a442");
    }

    @Test
    void attributeRunningPastTheEndIsRefused() {
        byte[] body = ByteBuffer.allocate(8).putShort((short) AttributeType.DATA).putShort((short) 7).array();
        assertRefused(message(BINDING_REQUEST, 8, StunMessage.MAGIC_COOKIE, body),
                "attribute 0x0013 length 7 exceeds remaining 4");
    }

    @Test
    void attributeWhosePaddingRunsPastTheEndIsRefused() {
        byte[] body = ByteBuffer.allocate(8).putShort((short) AttributeType.USERNAME).putShort((short) 5).array();
        assertRefused(message(BINDING_REQUEST, 8, StunMessage.MAGIC_COOKIE, body),
                "attribute 0x0006 length 5 exceeds remaining 4");
    }

    /**
     * Attributes start at multiples of 4 and the body length is one, so a body too short for an
     * attribute's 4-byte header always fails the multiple-of-4 rule first.
     */
    @Test
    void truncatedAttributeHeaderIsRefusedByTheLengthRule() {
        byte[] body = {0x00, 0x13};
        assertRefused(message(BINDING_REQUEST, 2, StunMessage.MAGIC_COOKIE, body),
                "message length 2 is not a multiple of 4");
    }

    @Test
    void moreAttributesThanTheParserKeepsAreRefused() {
        assertRefused(message(BINDING_REQUEST, 4 * 65, StunMessage.MAGIC_COOKIE, emptyAttributes(65)),
                "more than 64 attributes");
    }

    @Test
    void sixtyFourAttributesAreAccepted() throws Exception {
        try (Datagram datagram = Datagram.of(message(BINDING_REQUEST, 4 * 64, StunMessage.MAGIC_COOKIE,
                emptyAttributes(64)))) {
            assertThat(datagram.parse().attributeCount()).isEqualTo(64);
        }
    }

    @Test
    void messageLongerThanTheMaximumIsRefusedEvenWhenItsLengthFieldAgrees() {
        int bodyLength = 65_520;
        byte[] body = ByteBuffer.allocate(bodyLength).putShort((short) AttributeType.DATA)
                .putShort((short) (bodyLength - 4)).array();
        assertRefused(message(BINDING_REQUEST, bodyLength, StunMessage.MAGIC_COOKIE, body),
                "message of 65540 bytes exceeds the 65535-byte maximum");
    }

    @Test
    void datagramFarBeyondAnyLengthFieldIsRefusedAsOversize() {
        byte[] datagram = message(BINDING_REQUEST, 0, StunMessage.MAGIC_COOKIE, new byte[70_000]);
        assertRefused(datagram, "message of 70020 bytes exceeds the 65535-byte maximum");
    }

    @Test
    void largestMessageWithinTheMaximumIsAccepted() throws Exception {
        int bodyLength = StunMessage.MAX_LENGTH - StunMessage.HEADER_LENGTH - 3;
        byte[] body = ByteBuffer.allocate(bodyLength).putShort((short) AttributeType.DATA)
                .putShort((short) (bodyLength - 4)).array();
        try (Datagram datagram = Datagram.of(message(BINDING_REQUEST, bodyLength, StunMessage.MAGIC_COOKIE, body))) {
            StunMessage message = datagram.parse();
            assertThat(message.totalLength()).isEqualTo(65_532);
            assertThat(message.valueLength(0)).isEqualTo(bodyLength - 4);
        }
    }

    private static void assertRefused(byte[] bytes, String expectedMessage) {
        try (Datagram datagram = Datagram.of(bytes)) {
            assertThatThrownBy(datagram::parse)
                    .isInstanceOf(StunParseException.class)
                    .hasMessage(expectedMessage);
        }
    }

    static byte[] message(int type, int lengthField, int cookie, byte[] body) {
        return ByteBuffer.allocate(StunMessage.HEADER_LENGTH + body.length)
                .putShort((short) type).putShort((short) lengthField).putInt(cookie)
                .putLong(0x0102030405060708L).putInt(0x090A0B0C)
                .put(body).array();
    }

    private static byte[] emptyAttribute(int type) {
        return ByteBuffer.allocate(4).putShort((short) type).putShort((short) 0).array();
    }

    private static byte[] emptyAttributes(int count) {
        ByteBuffer body = ByteBuffer.allocate(4 * count);
        for (int i = 0; i < count; i++) {
            body.put(emptyAttribute(0x8030 + i));
        }
        return body.array();
    }
}
