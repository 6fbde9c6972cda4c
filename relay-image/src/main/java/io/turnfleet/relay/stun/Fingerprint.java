package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

import java.util.zip.CRC32;

/**
 * FINGERPRINT: CRC-32 of the message up to the attribute, XORed with 0x5354554e (RFC 8489 §14.7).
 * One CRC32 per thread, so per event loop, reset for each message instead of one new per message.
 */
public final class Fingerprint {
    private static final int XOR = 0x5354554e;
    private static final FastThreadLocal<CRC32> CRC = new FastThreadLocal<>() {
        @Override
        protected CRC32 initialValue() {
            return new CRC32();
        }
    };

    private Fingerprint() {
    }

    public static boolean verify(StunMessage message) {
        int index = message.fingerprintIndex();
        if (index < 0 || message.valueLength(index) != 4) {
            return false;
        }
        int expected = compute(message.buffer(), message.start(), message.attributeStart(index));
        return expected == message.buffer().getInt(message.valueOffset(index));
    }

    /** Appends FINGERPRINT to the message being written in {@code out}, fixing the header length. */
    public static void append(ByteBuf out, int messageStart) {
        int attributeStart = out.writerIndex();
        int value = compute(out, messageStart, attributeStart);
        out.writeShort(AttributeType.FINGERPRINT).writeShort(4).writeInt(value);
        out.setShort(messageStart + 2, out.writerIndex() - messageStart - StunMessage.HEADER_LENGTH);
    }

    private static int compute(ByteBuf buf, int messageStart, int attributeStart) {
        MessageBytes covered = MessageBytes.covered(buf, messageStart, attributeStart, 8);
        CRC32 crc = CRC.get();
        crc.reset();
        crc.update(covered.array, 0, covered.length);
        return (int) crc.getValue() ^ XOR;
    }
}
