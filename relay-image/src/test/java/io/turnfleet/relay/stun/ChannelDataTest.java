package io.turnfleet.relay.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** ChannelData framing helpers (RFC 8656 §12, RFC 5766 §11). */
class ChannelDataTest {

    @Test
    void firstByteTellsChannelDataFromStunAndNeverBoth() {
        for (int b = 0; b < 256; b++) {
            assertThat(ChannelData.looksLikeChannelData(b)).as("byte 0x%02x", b).isEqualTo(b >= 0x40 && b < 0x80);
            assertThat(ChannelData.looksLikeChannelData(b) && StunMessage.looksLikeStun(b)).isFalse();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x4000, 0x4001, 0x4FFF})
    void numbersOfRfc8656AreValid(int number) {
        assertThat(ChannelData.isValidNumber(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0x5000, 0x6ABC, 0x7FFF})
    void numbersOnlyRfc5766AllowedAreStillAccepted(int number) {
        assertThat(ChannelData.isValidNumber(number)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 0x0001, 0x3FFF, 0x8000, 0xFFFF, 0x10000})
    void numbersOutsideBothRangesAreInvalid(int number) {
        assertThat(ChannelData.isValidNumber(number)).isFalse();
    }

    @ParameterizedTest(name = "{0} data bytes occupy {1}")
    @CsvSource({"0, 4", "1, 8", "2, 8", "3, 8", "4, 8", "5, 12", "1200, 1204", "65535, 65540"})
    void paddedLengthIsTheHeaderPlusDataRoundedUpToFourBytes(int dataLength, int padded) {
        assertThat(ChannelData.paddedLength(dataLength)).isEqualTo(padded);
    }

    @Test
    void headerIsTheChannelNumberThenTheDataLength() {
        try (Datagram out = Datagram.empty()) {
            ChannelData.writeHeader(out.buf(), 0x4001, 5);

            assertThat(out.bytes()).containsExactly(0x40, 0x01, 0x00, 0x05);
        }
    }

    @Test
    void headerOfTheHighestRfc5766ChannelWithLargestDataIsWrittenUnsigned() {
        try (Datagram out = Datagram.empty()) {
            ChannelData.writeHeader(out.buf(), ChannelData.MAX_NUMBER_RFC5766, 0xFFFF);

            assertThat(out.bytes()).containsExactly(0x7F, 0xFF, 0xFF, 0xFF);
            assertThat(ChannelData.looksLikeChannelData(out.buf().getUnsignedByte(0))).isTrue();
        }
    }
}
