package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.nio.charset.StandardCharsets;

/**
 * The bytes that MESSAGE-INTEGRITY and FINGERPRINT cover, copied into one reused array per thread
 * (so per event loop), with the header's length field set as if the attribute being computed were
 * the last one (RFC 8489 §14.5, §14.7), and attribute text; copied with {@link BufferBytes}, which
 * costs less for a datagram-sized message than the {@code ByteBuffer} view a pooled buffer would
 * otherwise create for every HMAC, CRC and String.
 */
final class MessageBytes {
    private static final FastThreadLocal<MessageBytes> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected MessageBytes initialValue() {
            return new MessageBytes();
        }
    };

    /** The copied bytes, valid until the next call on this thread. */
    byte[] array = new byte[512];
    /** How many bytes of {@link #array} hold the message. */
    int length;

    private MessageBytes() {
    }

    /** The UTF-8 text of {@code length} bytes of {@code buf} at {@code index}, copied once (into the String). */
    static String text(ByteBuf buf, int index, int length) {
        MessageBytes bytes = SCRATCH.get();
        bytes.ensureCapacity(length);
        BufferBytes.copy(buf, index, bytes.array, 0, length);
        return new String(bytes.array, 0, length, StandardCharsets.UTF_8);
    }

    private void ensureCapacity(int length) {
        if (array.length < length) {
            array = new byte[Math.max(length, 2 * array.length)];
        }
    }

    /**
     * The message in {@code buf} from {@code messageStart} up to {@code attributeStart}, its length
     * field set to cover an attribute of {@code attributeLength} bytes (header included) at {@code attributeStart}.
     */
    static MessageBytes covered(ByteBuf buf, int messageStart, int attributeStart, int attributeLength) {
        MessageBytes bytes = SCRATCH.get();
        int length = attributeStart - messageStart;
        bytes.ensureCapacity(length);
        BufferBytes.copy(buf, messageStart, bytes.array, 0, length);
        int coveredLength = length - StunMessage.HEADER_LENGTH + attributeLength;
        bytes.array[2] = (byte) (coveredLength >>> 8);
        bytes.array[3] = (byte) coveredLength;
        bytes.length = length;
        return bytes;
    }
}
