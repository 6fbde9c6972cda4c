package io.turnfleet.relay.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;

import java.util.List;

/**
 * Cuts a TCP/TLS byte stream into STUN messages and ChannelData messages (RFC 8656 §12.5: over
 * streams, ChannelData is padded to a multiple of 4 bytes; STUN messages always are). Emits one
 * retained slice per message, padding included. Anything else on the stream is a framing error: the
 * connection can't be resynchronised, so it is closed.
 */
final class StreamStunFramer extends ByteToMessageDecoder {
    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.readableBytes() >= ChannelData.HEADER_LENGTH) {
            int start = in.readerIndex();
            int first = in.getUnsignedByte(start);
            int length = in.getUnsignedShort(start + 2);
            int frame;
            if (StunMessage.looksLikeStun(first)) {
                if ((length & 3) != 0) {
                    throw discardAfterError(in, "STUN message length " + length + " is not a multiple of 4");
                }
                frame = StunMessage.HEADER_LENGTH + length;
            } else if (ChannelData.looksLikeChannelData(first)) {
                frame = ChannelData.paddedLength(length);
            } else {
                throw discardAfterError(in, String.format(
                        "first byte 0x%02x starts neither a STUN message nor ChannelData", first));
            }
            if (in.readableBytes() < frame) {
                return;
            }
            out.add(in.readRetainedSlice(frame));
        }
    }

    /**
     * Drops the rest of the buffered stream: without it, the same garbage would be decoded again when
     * the connection closes and the one framing error reported (and counted) twice.
     */
    private static CorruptedFrameException discardAfterError(ByteBuf in, String message) {
        in.skipBytes(in.readableBytes());
        return new CorruptedFrameException(message);
    }
}
