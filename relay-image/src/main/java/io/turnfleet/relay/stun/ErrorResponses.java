package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

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

    /**
     * How long an answer to an unauthenticated request may be: 3x the request, so the relay is no
     * amplifier for reflected traffic (design.md, safety defaults).
     */
    public static int unauthenticatedLimit(StunMessage request) {
        return 3 * request.totalLength();
    }

    /**
     * 401 or 438 with the REALM and a fresh NONCE the client retries with (RFC 8489 §9.2.4), and with
     * FINGERPRINT when the request had one, in at most {@code maxLength} bytes. No SOFTWARE: whoever sent
     * the request has not authenticated. The reason phrase, meant for humans (RFC 8489 §14.8), is left
     * out when it would not fit. Returns null, having written nothing, when even that does not fit.
     */
    public static StunWriter challenge(ByteBuf out, StunMessage request, ErrorCode code, String realm, String nonce,
                                       int maxLength) {
        int fixed = StunMessage.HEADER_LENGTH + 8 + attributeLength(realm) + attributeLength(nonce)
                + (request.fingerprintIndex() >= 0 ? 8 : 0);
        String reason = fixed + padded(utf8Length(code.reason())) <= maxLength ? code.reason() : "";
        if (fixed + padded(utf8Length(reason)) > maxLength) {
            return null;
        }
        return StunWriter.response(out, request, MessageClass.ERROR_RESPONSE)
                .errorCode(code.code(), reason)
                .text(AttributeType.REALM, realm)
                .text(AttributeType.NONCE, nonce);
    }

    private static int attributeLength(String text) {
        return 4 + padded(utf8Length(text));
    }

    private static int padded(int length) {
        return (length + 3) & ~3;
    }

    private static int utf8Length(String text) {
        return ByteBufUtil.utf8Bytes(text);
    }

    /** 420 listing the comprehension-required attributes not understood (RFC 8489 §14.9). */
    public static StunWriter unknownAttributes(ByteBuf out, StunMessage request, int[] unknown, String software) {
        return error(out, request, ErrorCode.UNKNOWN_ATTRIBUTE, software).unknownAttributes(unknown);
    }

    /**
     * 300 Try Alternate naming another server (RFC 8489 §10, §14.15), and with {@code domain} not null
     * ALTERNATE-DOMAIN, the name a TLS client checks the alternate's certificate against (§14.16).
     */
    public static StunWriter tryAlternate(ByteBuf out, StunMessage request, InetSocketAddress alternate,
                                          String domain, String software) {
        StunWriter writer = error(out, request, ErrorCode.TRY_ALTERNATE, software)
                .plainAddress(AttributeType.ALTERNATE_SERVER, alternate);
        return domain == null ? writer : writer.text(AttributeType.ALTERNATE_DOMAIN, domain);
    }
}
