package io.turnfleet.relay.stun;

import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which attributes a parsed message exposes, and how its accessors treat bad values. */
class StunMessageTest {
    private static final byte[] KEY = "integrity key".getBytes(StandardCharsets.UTF_8);
    private static final long TX_HIGH = 0x0011223344556677L;
    private static final int TX_LOW = 0x8899AABB;

    @Test
    void attributesAfterMessageIntegrityAreIgnoredExceptSha256AndFingerprint() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice")
                    .integrity(KEY)
                    .text(AttributeType.REALM, "after integrity")
                    .empty(0x0002)
                    .integritySha256(KEY)
                    .fingerprint();
            StunMessage message = out.parse();

            assertThat(types(message)).containsExactly(AttributeType.USERNAME, AttributeType.MESSAGE_INTEGRITY,
                    AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT);
            assertThat(message.has(AttributeType.REALM)).isFalse();
            assertThat(message.unknownComprehensionRequired()).as("ignored, so not unknown either").isEmpty();
            assertThat(message.integrityIndex()).isEqualTo(1);
            assertThat(message.integritySha256Index()).isEqualTo(2);
            assertThat(message.fingerprintIndex()).isEqualTo(3);
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void aSecondMessageIntegrityIsIgnored() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).integrity(KEY).integrity("other".getBytes(StandardCharsets.UTF_8));
            StunMessage message = out.parse();

            assertThat(message.attributeCount()).isEqualTo(1);
            assertThat(message.integrityIndex()).isZero();
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
        }
    }

    @Test
    void messageIntegrityAfterMessageIntegritySha256IsIgnored() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).integritySha256(KEY).integrity(KEY).fingerprint();
            StunMessage message = out.parse();

            assertThat(types(message)).containsExactly(AttributeType.MESSAGE_INTEGRITY_SHA256, AttributeType.FINGERPRINT);
            assertThat(message.integrityIndex()).isEqualTo(-1);
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
        }
    }

    @Test
    void attributesAfterFingerprintAreIgnored() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.SOFTWARE, "x").fingerprint().text(AttributeType.USERNAME, "late");
            StunMessage message = out.parse();

            assertThat(types(message)).containsExactly(AttributeType.SOFTWARE, AttributeType.FINGERPRINT);
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void ofRepeatedAttributesFindReturnsTheFirst() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "first").text(AttributeType.SOFTWARE, "between")
                    .text(AttributeType.USERNAME, "second");
            StunMessage message = out.parse();

            assertThat(message.attributeCount()).isEqualTo(3);
            assertThat(message.find(AttributeType.USERNAME)).isZero();
            assertThat(message.text(message.find(AttributeType.USERNAME))).isEqualTo("first");
        }
    }

    @Test
    void findOfAnAbsentAttributeIsMinusOne() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice");
            StunMessage message = out.parse();

            assertThat(message.find(AttributeType.REALM)).isEqualTo(-1);
            assertThat(message.has(AttributeType.REALM)).isFalse();
            assertThat(message.has(AttributeType.USERNAME)).isTrue();
        }
    }

    @Test
    void unknownComprehensionRequiredListsUnknownTypesBelow0x8000InMessageOrder() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).empty(0x7FFF)
                    .text(AttributeType.USERNAME, "alice")
                    .empty(0x0002)
                    .empty(0x8030)
                    .bytes(AttributeType.USERHASH, new byte[32])
                    .leadingByte(AttributeType.ADDITIONAL_ADDRESS_FAMILY, XorAddress.FAMILY_IPV6, 4)
                    .text(AttributeType.SOFTWARE, "client");
            StunMessage message = out.parse();

            assertThat(message.unknownComprehensionRequired()).containsExactly(0x7FFF, 0x0002, AttributeType.USERHASH);
            assertThat(message.hasUnknownComprehensionRequired()).isTrue();
        }
    }

    @Test
    void unknownComprehensionOptionalAttributesAreNotReported() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).empty(0x8030).empty(0xFFFF).text(AttributeType.USERNAME, "alice");
            StunMessage message = out.parse();

            assertThat(message.unknownComprehensionRequired()).isEmpty();
            assertThat(message.hasUnknownComprehensionRequired()).isFalse();
        }
    }

    @Test
    void everyAttributeTheRelayUnderstandsIsNotReportedUnknown() throws Exception {
        int[] understood = {AttributeType.MAPPED_ADDRESS, AttributeType.USERNAME, AttributeType.ERROR_CODE,
                AttributeType.UNKNOWN_ATTRIBUTES, AttributeType.CHANNEL_NUMBER, AttributeType.LIFETIME,
                AttributeType.XOR_PEER_ADDRESS, AttributeType.DATA, AttributeType.REALM, AttributeType.NONCE,
                AttributeType.XOR_RELAYED_ADDRESS, AttributeType.REQUESTED_ADDRESS_FAMILY, AttributeType.EVEN_PORT,
                AttributeType.REQUESTED_TRANSPORT, AttributeType.DONT_FRAGMENT, AttributeType.XOR_MAPPED_ADDRESS,
                AttributeType.RESERVATION_TOKEN, AttributeType.PRIORITY, AttributeType.USE_CANDIDATE,
                AttributeType.CONNECTION_ID};
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out);
            for (int type : understood) {
                writer.empty(type);
            }
            writer.integrity(KEY);
            StunMessage message = out.parse();

            assertThat(message.attributeCount()).isEqualTo(understood.length + 1);
            assertThat(message.unknownComprehensionRequired()).isEmpty();
        }
    }

    @Test
    void messageClassAndMethodComeFromTheTypeField() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter.start(out.buf(), Method.SEND, MessageClass.INDICATION, TX_HIGH, TX_LOW);
            StunMessage message = out.parse();

            assertThat(message.type()).isEqualTo(0x0016);
            assertThat(message.method()).isEqualTo(Method.SEND);
            assertThat(message.messageClass()).isEqualTo(MessageClass.INDICATION);
            assertThat(message.isIndication()).isTrue();
            assertThat(message.isRequest()).isFalse();
            assertThat(message.transactionHigh()).isEqualTo(TX_HIGH);
            assertThat(message.transactionLow()).isEqualTo(TX_LOW);
        }
    }

    @Test
    void aReusedMessageForgetsEverythingOfThePreviousOne() throws Exception {
        StunMessage message = new StunMessage();
        try (Datagram first = Datagram.empty(); Datagram second = Datagram.empty()) {
            request(first).text(AttributeType.USERNAME, "alice").empty(0x0002).integritySha256(KEY).integrity(KEY)
                    .fingerprint();
            StunWriter.start(second.buf(), Method.REFRESH, MessageClass.REQUEST, 7, 8)
                    .unsignedInt(AttributeType.LIFETIME, 0);

            message.readFrom(first.buf());
            message.readFrom(second.buf());

            assertThat(message.method()).isEqualTo(Method.REFRESH);
            assertThat(message.transactionHigh()).isEqualTo(7);
            assertThat(message.transactionLow()).isEqualTo(8);
            assertThat(types(message)).containsExactly(AttributeType.LIFETIME);
            assertThat(message.integrityIndex()).isEqualTo(-1);
            assertThat(message.integritySha256Index()).isEqualTo(-1);
            assertThat(message.fingerprintIndex()).isEqualTo(-1);
            assertThat(message.unknownComprehensionRequired()).isEmpty();
            assertThat(message.buffer()).isSameAs(second.buf());
        }
    }

    @Test
    void aMessageReusedAfterAParseErrorReadsTheNextDatagramCleanly() throws Exception {
        StunMessage message = new StunMessage();
        try (Datagram good = Datagram.empty(); Datagram bad = Datagram.of(new byte[7])) {
            request(good).text(AttributeType.USERNAME, "alice").fingerprint();

            assertThatThrownBy(() -> message.readFrom(bad.buf())).isInstanceOf(StunParseException.class);
            message.readFrom(good.buf());

            assertThat(types(message)).containsExactly(AttributeType.USERNAME, AttributeType.FINGERPRINT);
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void parsingBorrowsTheBufferWithoutMovingItsIndicesOrReferenceCount() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice").fingerprint();
            int readerIndex = out.buf().readerIndex();
            int writerIndex = out.buf().writerIndex();

            StunMessage.parse(out.buf());

            assertThat(out.buf().readerIndex()).isEqualTo(readerIndex);
            assertThat(out.buf().writerIndex()).isEqualTo(writerIndex);
            assertThat(out.buf().refCnt()).isEqualTo(1);
        }
    }

    /** A stream framer hands over messages that start mid-buffer; offsets are absolute in the buffer. */
    @Test
    void messageStartingAtANonZeroReaderIndexParsesAndVerifies() throws Exception {
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName("2001:db8::7"), 50_000);
        try (Datagram out = Datagram.empty()) {
            out.buf().writeBytes(new byte[] {1, 2, 3, 4, 5, 6, 7});
            request(out).xorAddress(AttributeType.XOR_PEER_ADDRESS, peer).integrity(KEY).fingerprint();
            out.buf().readerIndex(7);
            StunMessage message = out.parse();

            assertThat(message.start()).isEqualTo(7);
            assertThat(message.attributeStart(0)).isEqualTo(7 + StunMessage.HEADER_LENGTH);
            assertThat(message.xorAddress(0)).isEqualTo(peer);
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void messageSpreadOverSeveralBufferComponentsParsesAndVerifies() throws Exception {
        byte[] bytes;
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice").text(AttributeType.NONCE, "0123456789abcdef")
                    .integrity(KEY).integritySha256(KEY).fingerprint();
            bytes = out.bytes();
        }
        CompositeByteBuf composite = PooledByteBufAllocator.DEFAULT.compositeDirectBuffer();
        try {
            for (int offset = 0; offset < bytes.length; offset += 13) {
                int length = Math.min(13, bytes.length - offset);
                composite.addComponent(true, PooledByteBufAllocator.DEFAULT.directBuffer(length).writeBytes(bytes, offset, length));
            }
            StunMessage message = StunMessage.parse(composite);

            assertThat(message.text(message.find(AttributeType.USERNAME))).isEqualTo("alice");
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        } finally {
            assertThat(composite.release()).isTrue();
        }
    }

    @Test
    void heapBuffersParseAndVerifyLikeDirectOnes() throws Exception {
        byte[] bytes = Rfc5769Vector.named(Rfc5769Vector.SAMPLE_IPV6_RESPONSE).bytes();
        try (Datagram datagram = Datagram.onHeap(bytes)) {
            StunMessage message = datagram.parse();

            assertThat(MessageIntegrity.verify(message,
                    Rfc5769Vector.named(Rfc5769Vector.SAMPLE_IPV6_RESPONSE).integrityKey())).isTrue();
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void transactionIdIsCopiedOutAsTwelveBytes() throws Exception {
        try (Datagram out = Datagram.empty(); Datagram copy = Datagram.empty()) {
            request(out);
            StunMessage message = out.parse();
            message.copyTransactionId(copy.buf());

            assertThat(message.transactionId()).isEqualTo(ByteBuffer.allocate(12).putLong(TX_HIGH).putInt(TX_LOW).array());
            assertThat(copy.bytes()).isEqualTo(message.transactionId());
        }
    }

    @Test
    void unsignedIntOfTheWrongLengthIsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).bytes(AttributeType.LIFETIME, new byte[3]);
            StunMessage message = out.parse();

            assertThatThrownBy(() -> message.unsignedInt(0)).isInstanceOf(StunParseException.class)
                    .hasMessage("attribute 0x000d has length 3 (expected 4)");
        }
    }

    @Test
    void longValueOfTheWrongLengthIsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).unsignedInt(AttributeType.RESERVATION_TOKEN, 1);
            StunMessage message = out.parse();

            assertThatThrownBy(() -> message.longValue(0)).isInstanceOf(StunParseException.class)
                    .hasMessage("attribute 0x0022 has length 4 (expected 8)");
        }
    }

    @Test
    void firstByteOfAnEmptyAttributeIsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).empty(AttributeType.REQUESTED_TRANSPORT);
            StunMessage message = out.parse();

            assertThatThrownBy(() -> message.firstByte(0)).isInstanceOf(StunParseException.class)
                    .hasMessage("attribute 0x0019 is empty");
        }
    }

    @Test
    void addressOfALengthOtherThan8Or20IsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).bytes(AttributeType.XOR_PEER_ADDRESS, new byte[] {0, 1, 0, 80, 1, 2, 3, 4, 5, 6, 7, 8});
            StunMessage message = out.parse();

            assertThatThrownBy(() -> message.xorAddress(0)).isInstanceOf(StunParseException.class)
                    .hasMessage("address attribute 0x0012 has length 12 (expected 8 or 20)");
        }
    }

    @Test
    void addressWhoseFamilyDisagreesWithItsLengthIsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            byte[] ipv6Sized = new byte[20];
            ipv6Sized[1] = XorAddress.FAMILY_IPV4;
            byte[] unknownFamily = {0, 3, 0, 80, 1, 2, 3, 4};
            request(out).bytes(AttributeType.XOR_PEER_ADDRESS, ipv6Sized)
                    .bytes(AttributeType.MAPPED_ADDRESS, unknownFamily);
            StunMessage message = out.parse();

            assertThatThrownBy(() -> message.xorAddress(0)).isInstanceOf(StunParseException.class)
                    .hasMessage("address attribute 0x0012 has family 1 with length 20");
            assertThatThrownBy(() -> message.plainAddress(1)).isInstanceOf(StunParseException.class)
                    .hasMessage("address attribute 0x0001 has family 3 with length 8");
        }
    }

    /**
     * Java turns an IPv4-mapped IPv6 address (::ffff:a.b.c.d) into an Inet4Address, so the decoded
     * address shows the embedded IPv4 one; the family on the wire stays IPv6, and address family
     * rules (RFC 8656 443 Peer Address Family Mismatch) must read {@link StunMessage#addressFamily}.
     */
    @Test
    void ipv4MappedIpv6PeerDecodesToTheEmbeddedIpv4AddressWhileItsFamilyStaysIpv6() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, 127, 0, 0, 1};
        try (Datagram attribute = Datagram.empty(); Datagram out = Datagram.empty()) {
            XorAddress.write(attribute.buf(), AttributeType.XOR_PEER_ADDRESS, mapped, 9, TX_HIGH, TX_LOW);
            int valueLength = attribute.buf().readableBytes() - 4;
            request(out).bytes(AttributeType.XOR_PEER_ADDRESS, attribute.buf(), 4, valueLength);
            StunMessage message = out.parse();

            assertThat(message.addressFamily(0)).isEqualTo(XorAddress.FAMILY_IPV6);
            assertThat(message.xorAddress(0)).isEqualTo(TransportAddress.of("127.0.0.1:9"));
        }
    }

    @Test
    void toStringNamesMethodAndClassButNoAttributeValues() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "secret-user").integrity(KEY);
            StunMessage message = out.parse();

            assertThat(message.toString()).contains("Binding").doesNotContain("secret-user");
        }
    }

    @Test
    void firstByteTellsStunFromChannelData() {
        for (int b = 0; b < 256; b++) {
            assertThat(StunMessage.looksLikeStun(b)).as("byte 0x%02x", b).isEqualTo(b < 0x40);
        }
    }

    private static StunWriter request(Datagram out) {
        return StunWriter.start(out.buf(), Method.BINDING, MessageClass.REQUEST, TX_HIGH, TX_LOW);
    }

    private static int[] types(StunMessage message) {
        int[] types = new int[message.attributeCount()];
        for (int i = 0; i < types.length; i++) {
            types[i] = message.attributeType(i);
        }
        return types;
    }
}
