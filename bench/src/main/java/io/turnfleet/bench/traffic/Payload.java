package io.turnfleet.bench.traffic;

import io.netty.buffer.ByteBuf;

import java.util.zip.CRC32C;

/**
 * The application data the generator relays: a magic number, the allocation id, the sequence
 * number, filler derived from both (so no two payloads are alike), and a CRC-32C of everything
 * before it. An echoed copy proves
 * which allocation sent it, which packet it was and that no byte changed on the way.
 *
 * <pre>
 *  0      4      8              16         size-4   size
 *  | TFB1 | alloc | sequence     | filler ... | crc32c |
 * </pre>
 *
 * One instance per thread: it reuses its checksum state.
 */
public final class Payload {
    public static final int MAGIC = 0x54464231;
    public static final int MIN_SIZE = 20;
    /** Fits a ChannelData message in one unfragmented datagram on a 1500-byte MTU path (IPv6 too). */
    public static final int MAX_SIZE = 1400;
    private static final int ALLOCATION_OFFSET = 4;
    private static final int SEQUENCE_OFFSET = 8;
    private static final int FILLER_OFFSET = 16;

    private final CRC32C crc = new CRC32C();

    /** Writes a payload of {@code size} bytes at the writer index of {@code out}, which it borrows. */
    public void write(ByteBuf out, int allocationId, long sequence, int size) {
        if (size < MIN_SIZE || size > MAX_SIZE) {
            throw new IllegalArgumentException("payload size " + size + " outside " + MIN_SIZE + "-" + MAX_SIZE);
        }
        int start = out.writerIndex();
        out.writeInt(MAGIC).writeInt(allocationId).writeLong(sequence);
        int filler = size - FILLER_OFFSET - 4;
        int seed = fillerSeed(allocationId, sequence);
        for (int i = 0; i < filler; i++) {
            out.writeByte(seed + i * 0x9E);
        }
        out.writeInt(checksum(out, start, size - 4));
    }

    /** Checks the {@code length} bytes at {@code offset} of {@code buf}, which it borrows. */
    public PayloadCheck check(ByteBuf buf, int offset, int length) {
        if (length < MIN_SIZE || buf.getInt(offset) != MAGIC) {
            return PayloadCheck.FOREIGN;
        }
        if (checksum(buf, offset, length - 4) != buf.getInt(offset + length - 4)) {
            return PayloadCheck.CORRUPT;
        }
        return PayloadCheck.VALID;
    }

    public static int allocationId(ByteBuf buf, int offset) {
        return buf.getInt(offset + ALLOCATION_OFFSET);
    }

    public static long sequence(ByteBuf buf, int offset) {
        return buf.getLong(offset + SEQUENCE_OFFSET);
    }

    private static int fillerSeed(int allocationId, long sequence) {
        return (int) (sequence * 31 + allocationId);
    }

    private int checksum(ByteBuf buf, int offset, int length) {
        crc.reset();
        // The internal view is reused by the buffer: no ByteBuffer allocated per packet.
        crc.update(buf.nioBufferCount() == 1 ? buf.internalNioBuffer(offset, length) : buf.nioBuffer(offset, length));
        return (int) crc.getValue();
    }
}
