package io.turnfleet.bench.traffic;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PayloadTest {
    private final Payload payload = new Payload();

    @Test
    void writtenPayloadChecksValidAndCarriesAllocationAndSequence() {
        ByteBuf buf = Unpooled.directBuffer();
        payload.write(buf, 42, 123_456_789_012L, 100);

        assertThat(buf.readableBytes()).isEqualTo(100);
        assertThat(payload.check(buf, 0, 100)).isEqualTo(PayloadCheck.VALID);
        assertThat(Payload.allocationId(buf, 0)).isEqualTo(42);
        assertThat(Payload.sequence(buf, 0)).isEqualTo(123_456_789_012L);
        buf.release();
    }

    @Test
    void anyFlippedByteMakesThePayloadCorrupt() {
        ByteBuf buf = Unpooled.buffer();
        payload.write(buf, 7, 9, 64);
        for (int i = 4; i < 64; i++) {
            buf.setByte(i, buf.getByte(i) ^ 0x01);
            assertThat(payload.check(buf, 0, 64)).as("byte %d flipped", i).isEqualTo(PayloadCheck.CORRUPT);
            buf.setByte(i, buf.getByte(i) ^ 0x01);
        }
        assertThat(payload.check(buf, 0, 64)).isEqualTo(PayloadCheck.VALID);
    }

    @Test
    void truncatedPayloadIsCorrupt() {
        ByteBuf buf = Unpooled.buffer();
        payload.write(buf, 1, 1, 100);

        assertThat(payload.check(buf, 0, 99)).isEqualTo(PayloadCheck.CORRUPT);
    }

    @Test
    void bytesWithoutTheMagicNumberAreForeign() {
        ByteBuf buf = Unpooled.buffer();
        payload.write(buf, 1, 1, 100);
        buf.setInt(0, 0xDEADBEEF);

        assertThat(payload.check(buf, 0, 100)).isEqualTo(PayloadCheck.FOREIGN);
        assertThat(payload.check(Unpooled.wrappedBuffer(new byte[10]), 0, 10)).isEqualTo(PayloadCheck.FOREIGN);
    }

    @Test
    void payloadsOfDifferentPacketsDiffer() {
        ByteBuf a = Unpooled.buffer();
        ByteBuf b = Unpooled.buffer();
        payload.write(a, 1, 1, 100);
        payload.write(b, 1, 2, 100);

        assertThat(a.slice(16, 80)).isNotEqualTo(b.slice(16, 80));
    }

    @Test
    void checkReadsAtTheGivenOffset() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeInt(0x40000064);
        payload.write(buf, 3, 4, 100);

        assertThat(payload.check(buf, 4, 100)).isEqualTo(PayloadCheck.VALID);
        assertThat(Payload.sequence(buf, 4)).isEqualTo(4);
    }

    @Test
    void sizeOutsideTheSupportedRangeIsRejected() {
        ByteBuf buf = Unpooled.buffer();

        assertThatThrownBy(() -> payload.write(buf, 1, 1, 19)).hasMessageContaining("payload size 19");
        assertThatThrownBy(() -> payload.write(buf, 1, 1, 1401)).hasMessageContaining("payload size 1401");
    }
}
