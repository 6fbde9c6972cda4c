package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {
    private static final String NONCE = "AAAAAAAAAAAAAAAA";

    private static StunMessage allocate(boolean fingerprint) throws StunParseException {
        ByteBuf out = Unpooled.buffer();
        StunWriter writer = StunWriter.start(out, Method.ALLOCATE, MessageClass.REQUEST, 1L, 2)
                .leadingByte(AttributeType.REQUESTED_TRANSPORT, 17, 4);
        if (fingerprint) {
            writer.fingerprint();
        }
        return StunMessage.parse(out);
    }

    private static StunMessage parsedChallenge(StunMessage request, String realm) throws StunParseException {
        ByteBuf out = Unpooled.buffer();
        StunWriter writer = ErrorResponses.challenge(out, request, ErrorCode.UNAUTHENTICATED, realm, NONCE,
                ErrorResponses.unauthenticatedLimit(request));
        assertThat(writer).isNotNull();
        return StunMessage.parse(out);
    }

    @Test
    void aChallengeToA28ByteAllocateKeepsTheReasonPhraseWhenItFits() throws StunParseException {
        StunMessage request = allocate(false);
        assertThat(request.totalLength()).isEqualTo(28);

        StunMessage challenge = parsedChallenge(request, "example.org");

        assertThat(challenge.totalLength()).isLessThanOrEqualTo(84);
        int error = challenge.find(AttributeType.ERROR_CODE);
        assertThat(challenge.valueLength(error) - 4).isEqualTo("Unauthenticated".length());
        assertThat(challenge.find(AttributeType.SOFTWARE)).isNegative();
    }

    @Test
    void theReasonPhraseIsLeftOutWhenTheRealmIsLong() throws StunParseException {
        StunMessage challenge = parsedChallenge(allocate(false), "x".repeat(32));

        assertThat(challenge.totalLength()).isEqualTo(84);
        assertThat(challenge.valueLength(challenge.find(AttributeType.ERROR_CODE))).isEqualTo(4);
    }

    @Test
    void aRequestTooSmallToChallengeGetsNothingWritten() throws StunParseException {
        ByteBuf header = Unpooled.buffer();
        StunWriter.start(header, Method.ALLOCATE, MessageClass.REQUEST, 1L, 2);
        StunMessage request = StunMessage.parse(header);
        ByteBuf out = Unpooled.buffer();

        StunWriter writer = ErrorResponses.challenge(out, request, ErrorCode.UNAUTHENTICATED, "example.org", NONCE,
                ErrorResponses.unauthenticatedLimit(request));

        assertThat(writer).isNull();
        assertThat(out.readableBytes()).isZero();
    }

    @Test
    void theFingerprintTheAnswerWillCarryIsCounted() throws StunParseException {
        StunMessage request = allocate(true);
        ByteBuf out = Unpooled.buffer();

        StunWriter writer = ErrorResponses.challenge(out, request, ErrorCode.UNAUTHENTICATED, "x".repeat(32), NONCE,
                ErrorResponses.unauthenticatedLimit(request));
        writer.fingerprint();

        assertThat(out.readableBytes()).isLessThanOrEqualTo(3 * request.totalLength());
    }
}
