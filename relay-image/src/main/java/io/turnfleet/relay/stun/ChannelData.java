package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;

/**
 * ChannelData framing (RFC 8656 §12.4): a 2-byte channel number, a 2-byte length, the
 * application data, and over TCP/TLS padding to a multiple of 4 bytes that the length excludes.
 */
public final class ChannelData {
    public static final int HEADER_LENGTH = 4;
    /** RFC 8656 §12: numbers 0x4000-0x4FFF. */
    public static final int MIN_NUMBER = 0x4000;
    public static final int MAX_NUMBER = 0x4FFF;
    /** RFC 5766 §11 allowed up to 0x7FFF; clients of that era (coturn's tools among them) use it. */
    public static final int MAX_NUMBER_RFC5766 = 0x7FFF;

    private ChannelData() {
    }

    /** Whether the first byte can start ChannelData: channel numbers begin with bits 01 (RFC 8656 §12). */
    public static boolean looksLikeChannelData(int firstByte) {
        return (firstByte & 0xC0) == 0x40;
    }

    /** The channel number of the ChannelData message at {@code start}. Borrows {@code buf}. */
    public static int number(ByteBuf buf, int start) {
        return buf.getUnsignedShort(start);
    }

    /**
     * The length of the application data of the ChannelData message at the reader index, or -1 when
     * the header is cut short or the data is shorter than it says (RFC 8656 §12.4: then it is
     * discarded). Padding after the data is allowed. Borrows {@code buf}; allocates nothing.
     */
    public static int dataLength(ByteBuf buf) {
        if (buf.readableBytes() < HEADER_LENGTH) {
            return -1;
        }
        int length = buf.getUnsignedShort(buf.readerIndex() + 2);
        return length > buf.readableBytes() - HEADER_LENGTH ? -1 : length;
    }

    public static boolean isValidNumber(int number) {
        return number >= MIN_NUMBER && number <= MAX_NUMBER_RFC5766;
    }

    /** Bytes a ChannelData message with this data length occupies on a stream, padding included. */
    public static int paddedLength(int dataLength) {
        return HEADER_LENGTH + ((dataLength + 3) & ~3);
    }

    public static void writeHeader(ByteBuf out, int channelNumber, int dataLength) {
        out.writeShort(channelNumber).writeShort(dataLength);
    }
}
