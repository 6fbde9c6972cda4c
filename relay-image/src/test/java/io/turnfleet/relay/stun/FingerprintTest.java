package io.turnfleet.relay.stun;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;

/** FINGERPRINT: CRC-32 of the message before it, XORed with 0x5354554e (RFC 8489 §14.7). */
class FingerprintTest {

    @Test
    void writtenFingerprintIsTheCrc32OfTheMessageBeforeItXoredWithStun() throws Exception {
        try (Datagram out = Datagram.empty()) {
            StunWriter writer = request(out).text(AttributeType.SOFTWARE, "TurnFleet test").integrity(new byte[16]);
            int before = writer.length();
            writer.fingerprint();
            byte[] written = out.bytes();

            // FINGERPRINT is last, so the header's length already counts it.
            CRC32 crc = new CRC32();
            crc.update(written, 0, before);
            int expected = (int) crc.getValue() ^ 0x5354554e;
            assertThat(written.length).isEqualTo(before + 8);
            assertThat(out.buf().getInt(before + 4)).isEqualTo(expected);
            assertThat(Fingerprint.verify(out.parse())).isTrue();
        }
    }

    @Test
    void messageWithoutFingerprintDoesNotVerify() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.SOFTWARE, "x");

            assertThat(Fingerprint.verify(out.parse())).isFalse();
        }
    }

    @Test
    void fingerprintOfAnotherLengthDoesNotVerify() throws Exception {
        try (Datagram out = Datagram.empty()) {
            request(out).bytes(AttributeType.FINGERPRINT, new byte[8]);

            assertThat(Fingerprint.verify(out.parse())).isFalse();
        }
    }

    @Test
    void everySingleBitFlipBreaksTheFingerprint() throws Exception {
        byte[] original;
        try (Datagram out = Datagram.empty()) {
            request(out).text(AttributeType.USERNAME, "alice").fingerprint();
            original = out.bytes();
        }
        StunMessage message = new StunMessage();
        int parsed = 0;
        for (int bit = 0; bit < original.length * 8; bit++) {
            byte[] tampered = Arrays.copyOf(original, original.length);
            tampered[bit / 8] ^= (byte) (1 << (bit % 8));
            try (Datagram datagram = Datagram.of(tampered)) {
                try {
                    message.readFrom(datagram.buf());
                } catch (StunParseException refused) {
                    continue;
                }
                parsed++;
                assertThat(Fingerprint.verify(message)).as("bit %d flipped", bit).isFalse();
            }
        }
        assertThat(parsed).as("flips in values still parse, so the check ran").isGreaterThan(64);
    }

    private static StunWriter request(Datagram out) {
        return StunWriter.start(out.buf(), Method.BINDING, MessageClass.REQUEST, 0x0A0B0C0D0E0F1011L, 0x12131415);
    }
}
