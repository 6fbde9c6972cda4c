package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MESSAGE-INTEGRITY (HMAC-SHA1, RFC 8489 §14.5) and MESSAGE-INTEGRITY-SHA256 (§14.6), checked
 * against an HMAC computed here from the RFC's definition.
 */
class MessageIntegrityTest {
    private static final byte[] KEY = Rfc5769Vector.longTermKey("alice", "turnfleet", "s3cret");
    private static final byte[] OTHER_KEY = Rfc5769Vector.longTermKey("alice", "turnfleet", "s3cret!");

    @Test
    void writtenMessageIntegrityIsTheHmacSha1OfTheMessageBeforeIt() throws Exception {
        assertWrittenIntegrityMatchesIndependentHmac(false);
    }

    @Test
    void writtenMessageIntegritySha256IsTheHmacSha256OfTheMessageBeforeIt() throws Exception {
        assertWrittenIntegrityMatchesIndependentHmac(true);
    }

    private static void assertWrittenIntegrityMatchesIndependentHmac(boolean sha256) throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).text(AttributeType.USERNAME, "alice").text(AttributeType.REALM, "turnfleet");
            int before = writer.length();
            if (sha256) {
                writer.integritySha256(KEY);
            } else {
                writer.integrity(KEY);
            }
            byte[] written = out.bytes();
            int valueLength = sha256 ? MessageIntegrity.SHA256_LENGTH : MessageIntegrity.SHA1_LENGTH;

            // MESSAGE-INTEGRITY is last here, so the header's length already counts it.
            byte[] expected = hmac(sha256, KEY, Arrays.copyOf(written, before));
            assertThat(written.length).isEqualTo(before + 4 + valueLength);
            assertThat(Arrays.copyOfRange(written, before + 4, written.length)).isEqualTo(expected);
            assertThat(MessageIntegrity.verify(out.parse(), KEY)).isTrue();
        }
    }

    @Test
    void fingerprintAfterIntegrityDoesNotChangeWhatTheHmacCovers() throws Exception {
        try (Datagram withFingerprint = Datagram.empty(); Datagram without = Datagram.empty()) {
            request(withFingerprint).text(AttributeType.USERNAME, "alice").integrity(KEY).fingerprint();
            request(without).text(AttributeType.USERNAME, "alice").integrity(KEY);
            StunMessage message = withFingerprint.parse();
            int index = message.integrityIndex();

            byte[] value = new byte[MessageIntegrity.SHA1_LENGTH];
            message.buffer().getBytes(message.valueOffset(index), value);
            byte[] alone = without.bytes();
            assertThat(value).isEqualTo(Arrays.copyOfRange(alone, alone.length - MessageIntegrity.SHA1_LENGTH, alone.length));
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
        }
    }

    @Test
    void integrityFailsWithAnotherKey() throws Exception {
        try (Datagram sha1 = Datagram.empty(); Datagram sha256 = Datagram.empty()) {
            request(sha1).text(AttributeType.USERNAME, "alice").integrity(KEY).fingerprint();
            request(sha256).text(AttributeType.USERNAME, "alice").integritySha256(KEY).fingerprint();

            assertThat(MessageIntegrity.verify(sha1.parse(), OTHER_KEY)).isFalse();
            assertThat(MessageIntegrity.verify(sha256.parse(), OTHER_KEY)).isFalse();
            assertThat(MessageIntegrity.verify(sha256.parse(), KEY)).isTrue();
        }
    }

    @Test
    void messageWithoutIntegrityDoesNotVerify() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice").fingerprint();

            assertThat(MessageIntegrity.verify(out.parse(), KEY)).isFalse();
        }
    }

    @Test
    void aChangedAttributeBeforeIntegrityFailsIt() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice").integrity(KEY);
            StunMessage message = out.parse();
            out.buf().setByte(message.valueOffset(0), 'A');

            assertThat(MessageIntegrity.verify(message, KEY)).isFalse();
        }
    }

    /** RFC 8489 §14.6: MESSAGE-INTEGRITY-SHA256 may be truncated to 16 bytes or more, in steps of 4. */
    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {16, 20, 24, 28, 32})
    void truncatedSha256IntegrityVerifies(int length) throws Exception {
        try (Datagram out = Datagram.empty()) {
            appendSha256Integrity(out.buf(), request(out).text(AttributeType.USERNAME, "alice"), length);
            StunMessage message = out.parse();

            assertThat(message.valueLength(message.integritySha256Index())).isEqualTo(length);
            assertThat(MessageIntegrity.verify(message, KEY)).isTrue();
            assertThat(MessageIntegrity.verify(message, OTHER_KEY)).isFalse();
        }
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {4, 12, 18})
    void sha256IntegrityShorterThan16BytesOrNotInStepsOfFourIsRefused(int length) throws Exception {
        try (Datagram out = Datagram.empty()) {
            appendSha256Integrity(out.buf(), request(out).text(AttributeType.USERNAME, "alice"), length);

            assertThat(MessageIntegrity.verify(out.parse(), KEY)).isFalse();
        }
    }

    @Test
    void sha1IntegrityOfAnotherLengthIsRefused() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).text(AttributeType.USERNAME, "alice");
            int start = out.buf().writerIndex() - writer.length();
            int lengthWith = writer.length() - StunMessage.HEADER_LENGTH + 4 + 16;
            out.buf().setShort(start + 2, lengthWith);
            byte[] digest = hmac(false, KEY, out.bytes());
            out.buf().writeShort(AttributeType.MESSAGE_INTEGRITY).writeShort(16).writeBytes(digest, 0, 16);

            assertThat(MessageIntegrity.verify(out.parse(), KEY)).isFalse();
        }
    }

    /** Appends MESSAGE-INTEGRITY-SHA256 truncated to {@code length} bytes, computed here (padding it as needed). */
    private static void appendSha256Integrity(ByteBuf out, StunWriter writer, int length) throws Exception {
        int before = writer.length();
        int start = out.writerIndex() - before;
        int padded = (length + 3) & ~3;
        out.setShort(start + 2, before - StunMessage.HEADER_LENGTH + 4 + length);
        byte[] covered = new byte[before];
        out.getBytes(start, covered);
        byte[] digest = hmac(true, KEY, covered);
        out.writeShort(AttributeType.MESSAGE_INTEGRITY_SHA256).writeShort(length).writeBytes(digest, 0, length);
        out.writeZero(padded - length);
        out.setShort(start + 2, before + 4 + padded - StunMessage.HEADER_LENGTH);
    }

    private static byte[] hmac(boolean sha256, byte[] key, byte[] data) throws Exception {
        String algorithm = sha256 ? "HmacSHA256" : "HmacSHA1";
        Mac mac = Mac.getInstance(algorithm);
        mac.init(new SecretKeySpec(key, algorithm));
        return mac.doFinal(data);
    }

    private static StunWriter request(Datagram out) {
        return StunWriter.start(out.buf(), Method.ALLOCATE, MessageClass.REQUEST, 0x1111222233334444L, 0x55556666)
                .text(AttributeType.NONCE, "0f3c9a7e5b");
    }
}
