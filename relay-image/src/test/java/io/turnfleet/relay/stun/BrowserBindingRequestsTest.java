package io.turnfleet.relay.stun;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Binding requests that Chrome and Firefox really sent decode, and their fingerprints verify. */
class BrowserBindingRequestsTest {

    static List<BrowserCapture> captures() {
        return BrowserCapture.all();
    }

    @Test
    void everyCaptureOfTheFileIsLoaded() {
        assertThat(captures()).hasSize(14);
        assertThat(captures()).extracting(BrowserCapture::browser).contains("Chrome", "Firefox");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void captureBytesMatchTheRecordedCrc64(BrowserCapture capture) {
        assertThat(Long.toUnsignedString(capture.computedCrc64()))
                .isEqualTo(Long.toUnsignedString(capture.crc64()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void captureDecodesAsABindingRequestWhoseAttributesAreAllFramed(BrowserCapture capture) throws Exception {
        try (Datagram datagram = Datagram.of(capture.message())) {
            StunMessage message = datagram.parse();

            assertThat(message.method()).isEqualTo(Method.BINDING);
            assertThat(message.isRequest()).isTrue();
            assertThat(message.totalLength()).isEqualTo(capture.message().length);
            assertThat(message.unknownComprehensionRequired()).isEmpty();
            int end = StunMessage.HEADER_LENGTH;
            for (int i = 0; i < message.attributeCount(); i++) {
                assertThat(message.attributeStart(i)).isEqualTo(end);
                end = message.valueOffset(i) + ((message.valueLength(i) + 3) & ~3);
            }
            assertThat(end).as("attributes cover the whole body").isEqualTo(message.totalLength());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void fingerprintVerifiesWhereTheBrowserSentOne(BrowserCapture capture) throws Exception {
        try (Datagram datagram = Datagram.of(capture.message())) {
            StunMessage message = datagram.parse();

            assertThat(Fingerprint.verify(message)).isEqualTo(message.has(AttributeType.FINGERPRINT));
        }
    }

    @Test
    void firefoxCapturesCarryAFingerprint() {
        assertThat(captures()).filteredOn(c -> c.browser().equals("Firefox")).isNotEmpty().allSatisfy(capture -> {
            try (Datagram datagram = Datagram.of(capture.message())) {
                StunMessage message = datagram.parse();
                assertThat(message.fingerprintIndex()).isNotNegative();
                assertThat(Fingerprint.verify(message)).isTrue();
            }
        });
    }
}
