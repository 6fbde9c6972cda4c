package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.ErrorResponses;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunWriter;

/**
 * One answer to a request, written into a pooled buffer: success or error, then MESSAGE-INTEGRITY
 * with the key the request was authenticated with (the same algorithm the client used, RFC 8489
 * §9.2.4) and FINGERPRINT when the request carried one.
 */
final class Answer {
    final ByteBuf buffer;
    final StunWriter writer;
    final int code;

    private Answer(ByteBuf buffer, StunWriter writer, int code) {
        this.buffer = buffer;
        this.writer = writer;
        this.code = code;
    }

    static Answer success(ClientPath path, StunMessage request) {
        ByteBuf out = path.alloc().directBuffer(256);
        return new Answer(out, StunWriter.response(out, request, MessageClass.SUCCESS_RESPONSE), 0);
    }

    static Answer error(ClientPath path, StunMessage request, ErrorCode code, String reason, String software) {
        ByteBuf out = path.alloc().directBuffer(256);
        return new Answer(out, ErrorResponses.error(out, request, code, reason, software), code.code());
    }

    static Answer wrap(ByteBuf buffer, StunWriter writer, int code) {
        return new Answer(buffer, writer, code);
    }

    /** Adds integrity (when {@code key} is not null) and fingerprint as the request did. */
    Answer seal(StunMessage request, byte[] key) {
        if (key != null) {
            if (request.integrityIndex() < 0 && request.integritySha256Index() >= 0) {
                writer.integritySha256(key);
            } else {
                writer.integrity(key);
            }
        }
        if (request.fingerprintIndex() >= 0) {
            writer.fingerprint();
        }
        return this;
    }
}
