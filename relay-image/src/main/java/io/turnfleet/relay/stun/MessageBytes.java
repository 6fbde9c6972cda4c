package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * The bytes that MESSAGE-INTEGRITY and FINGERPRINT cover, copied into one reused array per thread
 * (so per event loop), with the header's length field set as if the attribute being computed were
 * the last one (RFC 8489 §14.5, §14.7). A copy of a datagram-sized message costs less than the
 * {@code ByteBuffer} view a pooled buffer would otherwise create for every HMAC and CRC.
 */
final class MessageBytes {
    private static final FastThreadLocal<MessageBytes> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected MessageBytes initialValue() {
            return new MessageBytes();
        }
    };

    /** The copied bytes, valid until the next {@link #covered} call on this thread. */
    byte[] array = new byte[512];
    /** How many bytes of {@link #array} hold the message. */
    int length;

    private MessageBytes() {
    }

    /**
     * The message in {@code buf} from {@code messageStart} up to {@code attributeStart}, its length
     * field set to cover an attribute of {@code attributeLength} bytes (header included) at {@code attributeStart}.
     */
    static MessageBytes covered(ByteBuf buf, int messageStart, int attributeStart, int attributeLength) {
        MessageBytes bytes = SCRATCH.get();
        int length = attributeStart - messageStart;
        if (bytes.array.length < length) {
            bytes.array = new byte[Math.max(length, 2 * bytes.array.length)];
        }
        buf.getBytes(messageStart, bytes.array, 0, length);
        int coveredLength = length - StunMessage.HEADER_LENGTH + attributeLength;
        bytes.array[2] = (byte) (coveredLength >>> 8);
        bytes.array[3] = (byte) coveredLength;
        bytes.length = length;
        return bytes;
    }
}
