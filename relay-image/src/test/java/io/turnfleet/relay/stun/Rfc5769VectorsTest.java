package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;

import static io.turnfleet.relay.stun.Rfc5769Vector.SAMPLE_IPV4_RESPONSE;
import static io.turnfleet.relay.stun.Rfc5769Vector.SAMPLE_IPV6_RESPONSE;
import static io.turnfleet.relay.stun.Rfc5769Vector.SAMPLE_REQUEST;
import static io.turnfleet.relay.stun.Rfc5769Vector.SAMPLE_REQUEST_LONG_TERM;
import static org.assertj.core.api.Assertions.assertThat;

/** The codec against the test vectors of RFC 5769, decoded and encoded again. */
class Rfc5769VectorsTest {

    static List<Rfc5769Vector> vectors() {
        return Rfc5769Vector.all();
    }

    static List<Rfc5769Vector> vectorsWithFingerprint() {
        return vectors().stream().filter(v -> v.expected("fingerprint") != null).toList();
    }

    @Test
    void allFourVectorsOfTheRfcAreLoaded() {
        assertThat(vectors()).extracting(Rfc5769Vector::name).containsExactly(
                SAMPLE_REQUEST, SAMPLE_IPV4_RESPONSE, SAMPLE_IPV6_RESPONSE, SAMPLE_REQUEST_LONG_TERM);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void everyVectorParsesWithItsClassMethodAndTransactionId(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();

            assertThat(message.messageClass()).isEqualTo(vector.expectedClass());
            assertThat(message.method()).isEqualTo(vector.expectedMethod());
            assertThat(HexFormat.of().formatHex(message.transactionId())).isEqualTo(vector.expected("transactionId"));
            assertThat(message.transactionHigh()).isEqualTo(vector.transactionHigh());
            assertThat(message.transactionLow()).isEqualTo(vector.transactionLow());
            assertThat(message.totalLength()).isEqualTo(vector.bytes().length);
            assertThat(message.unknownComprehensionRequired()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void textAttributesHoldTheVectorsValuesAndSpacePaddingIsIgnored(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();

            assertText(message, AttributeType.SOFTWARE, vector.expected("software"));
            assertText(message, AttributeType.USERNAME, vector.expected("username"));
            assertText(message, AttributeType.REALM, vector.expected("realm"));
            assertText(message, AttributeType.NONCE, vector.expected("nonce"));
        }
    }

    @Test
    void sampleRequestCarriesPriorityAndIceControlled() throws Exception {
        Rfc5769Vector vector = Rfc5769Vector.named(SAMPLE_REQUEST);
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();

            assertThat(message.unsignedInt(message.find(AttributeType.PRIORITY)))
                    .isEqualTo(Long.parseLong(vector.expected("priority"), 16));
            assertThat(message.longValue(message.find(AttributeType.ICE_CONTROLLED)))
                    .isEqualTo(Long.parseUnsignedLong(vector.expected("iceControlled"), 16));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("xorMappedVectors")
    void xorMappedAddressDecodesToTheStatedAddress(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();
            int index = message.find(AttributeType.XOR_MAPPED_ADDRESS);
            InetSocketAddress expected = TransportAddress.of(vector.expected("xorMappedAddress"));

            assertThat(message.addressFamily(index)).isEqualTo(XorAddress.familyOf(expected.getAddress()));
            assertThat(message.xorAddress(index)).isEqualTo(expected);
        }
    }

    static List<Rfc5769Vector> xorMappedVectors() {
        return List.of(Rfc5769Vector.named(SAMPLE_IPV4_RESPONSE), Rfc5769Vector.named(SAMPLE_IPV6_RESPONSE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void messageIntegrityVerifiesWithTheVectorsKey(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();

            assertThat(message.integrityIndex()).isNotNegative();
            assertThat(MessageIntegrity.verify(message, vector.integrityKey())).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void messageIntegrityFailsWithAKeyFromAnotherPassword(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            assertThat(MessageIntegrity.verify(datagram.parse(), vector.wrongIntegrityKey())).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectorsWithFingerprint")
    void fingerprintVerifiesAndHoldsTheStatedValue(Rfc5769Vector vector) throws Exception {
        try (Datagram datagram = Datagram.of(vector.bytes())) {
            StunMessage message = datagram.parse();
            int index = message.fingerprintIndex();

            assertThat(index).isEqualTo(message.attributeCount() - 1);
            assertThat(message.buffer().getInt(message.valueOffset(index)))
                    .isEqualTo(Integer.parseUnsignedInt(vector.expected("fingerprint"), 16));
            assertThat(Fingerprint.verify(message)).isTrue();
        }
    }

    @Test
    void longTermVectorHasNoFingerprintSoNoneVerifies() throws Exception {
        try (Datagram datagram = Datagram.of(Rfc5769Vector.named(SAMPLE_REQUEST_LONG_TERM).bytes())) {
            StunMessage message = datagram.parse();

            assertThat(message.fingerprintIndex()).isEqualTo(-1);
            assertThat(Fingerprint.verify(message)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void aFlippedBitInTheFirstAttributeValueStillParsesButFailsIntegrityAndFingerprint(Rfc5769Vector vector)
            throws Exception {
        byte[] tampered = vector.bytes().clone();
        tampered[StunMessage.HEADER_LENGTH + 4] ^= 0x01;
        try (Datagram datagram = Datagram.of(tampered)) {
            StunMessage message = datagram.parse();

            assertThat(MessageIntegrity.verify(message, vector.integrityKey())).isFalse();
            assertThat(Fingerprint.verify(message)).isFalse();
        }
    }

    /**
     * Every single-bit change up to the end of the MESSAGE-INTEGRITY value is either refused by
     * the parser or breaks the integrity check; every change anywhere breaks the fingerprint.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void noSingleBitFlipPassesIntegrityOrFingerprint(Rfc5769Vector vector) throws Exception {
        int integrityEnd;
        try (Datagram original = Datagram.of(vector.bytes())) {
            StunMessage message = original.parse();
            int index = message.integrityIndex();
            integrityEnd = message.valueOffset(index) + message.valueLength(index);
        }
        boolean hasFingerprint = vector.expected("fingerprint") != null;
        StunMessage message = new StunMessage();
        for (int bit = 0; bit < vector.bytes().length * 8; bit++) {
            byte[] tampered = vector.bytes().clone();
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            try (Datagram datagram = Datagram.of(tampered)) {
                try {
                    message.readFrom(datagram.buf());
                } catch (StunParseException refused) {
                    continue;
                }
                if (bit / 8 < integrityEnd) {
                    assertThat(MessageIntegrity.verify(message, vector.integrityKey()))
                            .as("integrity with bit %d flipped", bit).isFalse();
                }
                if (hasFingerprint) {
                    assertThat(Fingerprint.verify(message)).as("fingerprint with bit %d flipped", bit).isFalse();
                }
            }
        }
    }

    // RFC 5769 pads SOFTWARE and USERNAME with spaces; StunWriter pads with zeros (RFC 8489 §14).
    // Integrity and fingerprint cover padding, so the tests below put the vector's spaces back
    // before the writer computes them.

    @Test
    void writerReproducesTheSampleRequestByteForByte() {
        Rfc5769Vector vector = Rfc5769Vector.named(SAMPLE_REQUEST);
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = StunWriter.start(out.buf(), Method.BINDING, MessageClass.REQUEST,
                            vector.transactionHigh(), vector.transactionLow())
                    .text(AttributeType.SOFTWARE, vector.expected("software"))
                    .unsignedInt(AttributeType.PRIORITY, Long.parseLong(vector.expected("priority"), 16))
                    .longValue(AttributeType.ICE_CONTROLLED, Long.parseUnsignedLong(vector.expected("iceControlled"), 16))
                    .text(AttributeType.USERNAME, vector.expected("username"));
            padWithSpacesInstead(out.buf(), 3);
            writer.integrity(vector.integrityKey()).fingerprint();

            assertThat(out.bytes()).isEqualTo(vector.bytes());
        }
    }

    @Test
    void writerReproducesTheIpv4ResponseByteForByte() {
        assertWriterReproducesResponse(Rfc5769Vector.named(SAMPLE_IPV4_RESPONSE));
    }

    @Test
    void writerReproducesTheIpv6ResponseByteForByte() {
        assertWriterReproducesResponse(Rfc5769Vector.named(SAMPLE_IPV6_RESPONSE));
    }

    @Test
    void writerReproducesTheLongTermRequestByteForByte() {
        Rfc5769Vector vector = Rfc5769Vector.named(SAMPLE_REQUEST_LONG_TERM);
        try (Datagram out = Datagram.empty()) {
            StunWriter.start(out.buf(), Method.BINDING, MessageClass.REQUEST,
                            vector.transactionHigh(), vector.transactionLow())
                    .text(AttributeType.USERNAME, vector.expected("username"))
                    .text(AttributeType.NONCE, vector.expected("nonce"))
                    .text(AttributeType.REALM, vector.expected("realm"))
                    .integrity(vector.integrityKey());

            assertThat(out.bytes()).isEqualTo(vector.bytes());
        }
    }

    private static void assertWriterReproducesResponse(Rfc5769Vector vector) {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = StunWriter.start(out.buf(), Method.BINDING, MessageClass.SUCCESS_RESPONSE,
                            vector.transactionHigh(), vector.transactionLow())
                    .text(AttributeType.SOFTWARE, vector.expected("software"));
            padWithSpacesInstead(out.buf(), 1);
            writer.xorAddress(AttributeType.XOR_MAPPED_ADDRESS, TransportAddress.of(vector.expected("xorMappedAddress")))
                    .integrity(vector.integrityKey())
                    .fingerprint();

            assertThat(out.bytes()).isEqualTo(vector.bytes());
        }
    }

    /** Replaces the last {@code count} bytes written, the writer's zero padding, with spaces. */
    private static void padWithSpacesInstead(ByteBuf out, int count) {
        for (int i = out.writerIndex() - count; i < out.writerIndex(); i++) {
            assertThat(out.getByte(i)).as("writer padding byte").isZero();
            out.setByte(i, ' ');
        }
    }

    private static void assertText(StunMessage message, int attributeType, String expected) {
        int index = message.find(attributeType);
        if (expected == null) {
            assertThat(index).as("attribute 0x%04x absent", attributeType).isEqualTo(-1);
        } else {
            assertThat(message.text(index)).isEqualTo(expected);
        }
    }
}
