package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;

import java.net.InetSocketAddress;

/**
 * Named error answers (RFC 8489 §6.3.1.1, RFC 8656 §7.2). Each starts an error response to
 * {@code request} in {@code out} and returns the writer, so the caller adds integrity and
 * fingerprint as the request's authentication state requires.
 */
public final class ErrorResponses {
    private ErrorResponses() {
    }

    public static StunWriter error(ByteBuf out, StunMessage request, ErrorCode code, String software) {
        return error(out, request, code, code.reason(), software);
    }

    public static StunWriter error(ByteBuf out, StunMessage request, ErrorCode code, String reason, String software) {
        StunWriter writer = StunWriter.response(out, request, MessageClass.ERROR_RESPONSE)
                .errorCode(code.code(), reason);
        if (!software.isEmpty()) {
            writer.text(AttributeType.SOFTWARE, software);
        }
        return writer;
    }

    /** 401 or 438 with the REALM and a fresh NONCE the client retries with (RFC 8489 §9.2.4). */
    public static StunWriter challenge(ByteBuf out, StunMessage request, ErrorCode code, String realm, String nonce,
                                       String software) {
        return error(out, request, code, software)
                .text(AttributeType.REALM, realm)
                .text(AttributeType.NONCE, nonce);
    }

    /** 420 listing the comprehension-required attributes not understood (RFC 8489 §14.9). */
    public static StunWriter unknownAttributes(ByteBuf out, StunMessage request, int[] unknown, String software) {
        return error(out, request, ErrorCode.UNKNOWN_ATTRIBUTE, software).unknownAttributes(unknown);
    }

    /** 300 Try Alternate naming another server (RFC 8489 §10, §14.15). */
    public static StunWriter tryAlternate(ByteBuf out, StunMessage request, InetSocketAddress alternate,
                                          String software) {
        return error(out, request, ErrorCode.TRY_ALTERNATE, software)
                .plainAddress(AttributeType.ALTERNATE_SERVER, alternate);
    }
}
