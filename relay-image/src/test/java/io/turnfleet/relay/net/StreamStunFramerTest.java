package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stream framer (RFC 8656 §12.5): how a TCP/TLS byte stream is cut into STUN messages and
 * padded ChannelData, whatever the read boundaries. Frames are slices of what was read: once every
 * frame is released, every read buffer is too.
 */
class StreamStunFramerTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new StreamStunFramer());
    private final List<ByteBuf> reads = new ArrayList<>();

    /** Every buffer the framer was given is released once its frames are: nothing leaks. */
    @AfterEach
    void everyReadBufferIsReleased() {
        assertThat(channel.finishAndReleaseAll()).as("frames left unread").isFalse();
        assertThat(reads).allSatisfy(read -> assertThat(read.refCnt()).isZero());
    }

    @Test
    void stunMessageSplitByteByByteIsEmittedOnceComplete() {
        byte[] binding = bindingRequest(0x1111);

        for (int i = 0; i < binding.length - 1; i++) {
            write(Unpooled.wrappedBuffer(binding, i, 1));
            assertThat((Object) channel.readInbound()).as("after %d of %d bytes", i + 1, binding.length).isNull();
        }
        write(Unpooled.wrappedBuffer(binding, binding.length - 1, 1));

        assertNextFrameIs(binding);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void channelDataSplitByteByByteIsEmittedWithItsPadding() {
        byte[] data = paddedChannelData(0x4001, 5);

        for (int i = 0; i < data.length - 1; i++) {
            write(Unpooled.wrappedBuffer(data, i, 1));
            assertThat((Object) channel.readInbound()).as("after %d of %d bytes", i + 1, data.length).isNull();
        }
        write(Unpooled.wrappedBuffer(data, data.length - 1, 1));

        assertNextFrameIs(data);
    }

    @Test
    void severalMessagesInOneReadAreEmittedInOrder() {
        byte[] first = bindingRequest(1);
        byte[] second = paddedChannelData(0x4000, 3);
        byte[] third = paddedChannelData(0x7FFF, 8);
        byte[] fourth = bindingRequest(2);

        write(Unpooled.wrappedBuffer(first, second, third, fourth));

        assertNextFrameIs(first);
        assertNextFrameIs(second);
        assertNextFrameIs(third);
        assertNextFrameIs(fourth);
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void aMessageStraddlingTwoReadsIsEmittedWithTheSecondRead() {
        byte[] first = bindingRequest(1);
        byte[] second = bindingRequest(2);
        byte[] stream = new byte[first.length + second.length];
        System.arraycopy(first, 0, stream, 0, first.length);
        System.arraycopy(second, 0, stream, first.length, second.length);

        write(Unpooled.wrappedBuffer(stream, 0, first.length + 7));
        assertNextFrameIs(first);
        assertThat((Object) channel.readInbound()).isNull();

        write(Unpooled.wrappedBuffer(stream, first.length + 7, second.length - 7));
        assertNextFrameIs(second);
    }

    /** Data lengths 4..7 need padding 0, 3, 2 and 1; 0 needs none. */
    @ParameterizedTest
    @ValueSource(ints = {0, 4, 5, 6, 7})
    void channelDataPaddingIsPartOfTheFrameAndNotOfTheNext(int dataLength) {
        byte[] data = paddedChannelData(0x4abc, dataLength);
        byte[] next = bindingRequest(3);
        assertThat(data.length % 4).isZero();

        write(Unpooled.wrappedBuffer(data, next));

        ByteBuf frame = channel.readInbound();
        try {
            assertThat(frame.readableBytes()).isEqualTo(ChannelData.HEADER_LENGTH + ((dataLength + 3) & ~3));
            assertThat(frame.getUnsignedShort(frame.readerIndex() + 2)).isEqualTo(dataLength);
        } finally {
            frame.release();
        }
        assertNextFrameIs(next);
    }

    @Test
    void channelDataWithoutItsPaddingYetIsHeldBack() {
        byte[] data = paddedChannelData(0x4000, 5);

        write(Unpooled.wrappedBuffer(data, 0, ChannelData.HEADER_LENGTH + 5));
        assertThat((Object) channel.readInbound()).isNull();

        write(Unpooled.wrappedBuffer(data, ChannelData.HEADER_LENGTH + 5, 3));
        assertNextFrameIs(data);
    }

    /**
     * The 16-bit length fields bound every frame: the largest ChannelData (65,535 data bytes, padded
     * to 65,536) and the largest STUN message (length 65,532) are framed, so the framer never holds
     * more than one such frame plus what the last read brought.
     */
    @Test
    void theLargestFramesTheLengthFieldsAllowAreFramed() {
        byte[] channelData = paddedChannelData(0x4000, 0xFFFF);
        byte[] stun = new byte[20 + 0xFFFC];
        stun[1] = 0x01;
        stun[2] = (byte) 0xFF;
        stun[3] = (byte) 0xFC;

        write(Unpooled.wrappedBuffer(channelData, stun));

        assertNextFrameIs(channelData);
        assertNextFrameIs(stun);
    }

    @ParameterizedTest
    @ValueSource(ints = {0x80, 0xBF, 0xC0, 0xFF})
    void aFirstByteThatStartsNeitherStunNorChannelDataIsAFramingError(int firstByte) {
        byte[] garbage = {(byte) firstByte, 0x01, 0x00, 0x04, 1, 2, 3, 4};

        assertThatThrownBy(() -> write(Unpooled.wrappedBuffer(garbage)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining(String.format("0x%02x", firstByte));
        assertThat((Object) channel.readInbound()).isNull();
    }

    @Test
    void theRestOfTheStreamAfterAFramingErrorIsDiscardedNotDecodedAgainOnClose() {
        byte[] garbage = {(byte) 0xFF, 0, 0, 0, 0, 1, 0, 0, 0x21, 0x12, (byte) 0xA4, 0x42};

        assertThatThrownBy(() -> write(Unpooled.wrappedBuffer(garbage))).isInstanceOf(CorruptedFrameException.class);

        assertThat(channel.finish()).as("nothing decoded from the discarded bytes").isFalse();
        channel.checkException();
    }

    @Test
    void garbageAfterAGoodMessageFailsOnlyAfterTheGoodMessageWasEmitted() {
        byte[] binding = bindingRequest(9);
        byte[] garbage = {(byte) 0xFF, 0, 0, 0};

        assertThatThrownBy(() -> write(Unpooled.wrappedBuffer(binding, garbage)))
                .isInstanceOf(CorruptedFrameException.class);
        assertNextFrameIs(binding);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 5, 0xFFFF})
    void aStunLengthThatIsNotAMultipleOfFourIsAFramingError(int length) {
        byte[] header = new byte[20];
        header[1] = 0x01;
        header[2] = (byte) (length >>> 8);
        header[3] = (byte) length;

        assertThatThrownBy(() -> write(Unpooled.wrappedBuffer(header)))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessageContaining("length " + length);
    }

    @Test
    void framesAreSlicesThatKeepTheReadBufferUntilTheLastIsReleased() {
        byte[] binding = bindingRequest(5);
        ByteBuf read = Unpooled.directBuffer().writeBytes(binding).writeBytes(binding);

        write(read);

        ByteBuf first = channel.readInbound();
        ByteBuf second = channel.readInbound();
        assertThat(first.release()).as("the second frame still holds the buffer").isFalse();
        assertThat(read.refCnt()).isPositive();
        assertThat(second.release()).as("the last frame frees it").isTrue();
        assertThat(read.refCnt()).isZero();
    }

    private void write(ByteBuf read) {
        reads.add(read);
        channel.writeInbound(read);
    }

    private void assertNextFrameIs(byte[] expected) {
        ByteBuf frame = channel.readInbound();
        assertThat(frame).as("a frame").isNotNull();
        try {
            assertThat(ByteBufUtil.getBytes(frame)).isEqualTo(expected);
        } finally {
            frame.release();
        }
    }

    private static byte[] bindingRequest(int transactionLow) {
        ByteBuf out = Unpooled.buffer();
        try {
            StunWriter.start(out, Method.BINDING, MessageClass.REQUEST, 0x0102030405060708L, transactionLow)
                    .text(AttributeType.SOFTWARE, "framer test")
                    .fingerprint();
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static byte[] paddedChannelData(int number, int dataLength) {
        byte[] frame = new byte[ChannelData.paddedLength(dataLength)];
        frame[0] = (byte) (number >>> 8);
        frame[1] = (byte) number;
        frame[2] = (byte) (dataLength >>> 8);
        frame[3] = (byte) dataLength;
        for (int i = 0; i < dataLength; i++) {
            frame[ChannelData.HEADER_LENGTH + i] = (byte) (i + 1);
        }
        return frame;
    }
}
