package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;

import java.net.InetSocketAddress;

/**
 * Writes one STUN message into a ByteBuf it borrows: header first, then attributes in call
 * order, padded to 4 bytes (RFC 8489 §14), the header length kept current after each attribute.
 * Integrity and fingerprint come last, in that order.
 */
public final class StunWriter {
    private final ByteBuf out;
    private final int start;
    private final long transactionHigh;
    private final int transactionLow;

    private StunWriter(ByteBuf out, int type, long transactionHigh, int transactionLow) {
        this.out = out;
        this.start = out.writerIndex();
        this.transactionHigh = transactionHigh;
        this.transactionLow = transactionLow;
        out.writeShort(type).writeShort(0).writeInt(StunMessage.MAGIC_COOKIE)
                .writeLong(transactionHigh).writeInt(transactionLow);
    }

    public static StunWriter start(ByteBuf out, int method, int messageClass, long transactionHigh, int transactionLow) {
        return new StunWriter(out, MessageType.of(method, messageClass), transactionHigh, transactionLow);
    }

    /** Starts a response (success or error) to {@code request}, with its transaction id. */
    public static StunWriter response(ByteBuf out, StunMessage request, int messageClass) {
        return start(out, request.method(), messageClass, request.transactionHigh(), request.transactionLow());
    }

    public StunWriter xorAddress(int attributeType, InetSocketAddress address) {
        XorAddress.write(out, attributeType, address.getAddress(), address.getPort(), transactionHigh, transactionLow);
        return updateLength();
    }

    /** As {@link #xorAddress(int, InetSocketAddress)} for an address held as 4 or 16 raw bytes. */
    public StunWriter xorAddress(int attributeType, byte[] rawAddress, int port) {
        XorAddress.write(out, attributeType, rawAddress, port, transactionHigh, transactionLow);
        return updateLength();
    }

    public StunWriter plainAddress(int attributeType, InetSocketAddress address) {
        XorAddress.writePlain(out, attributeType, address.getAddress(), address.getPort());
        return updateLength();
    }

    public StunWriter unsignedInt(int attributeType, long value) {
        out.writeShort(attributeType).writeShort(4).writeInt((int) value);
        return updateLength();
    }

    public StunWriter longValue(int attributeType, long value) {
        out.writeShort(attributeType).writeShort(8).writeLong(value);
        return updateLength();
    }

    public StunWriter text(int attributeType, String value) {
        int length = ByteBufUtil.utf8Bytes(value);
        out.writeShort(attributeType).writeShort(length);
        ByteBufUtil.reserveAndWriteUtf8(out, value, length);
        return pad(length);
    }

    public StunWriter bytes(int attributeType, byte[] value) {
        out.writeShort(attributeType).writeShort(value.length).writeBytes(value);
        return pad(value.length);
    }

    /** Writes {@code length} bytes of {@code value} from {@code offset}, without consuming them. */
    public StunWriter bytes(int attributeType, ByteBuf value, int offset, int length) {
        out.writeShort(attributeType).writeShort(length).writeBytes(value, offset, length);
        return pad(length);
    }

    /** ERROR-CODE (RFC 8489 §14.8): class and number, then a UTF-8 reason phrase. */
    public StunWriter errorCode(int code, String reason) {
        return errorCode(AttributeType.ERROR_CODE, code, reason);
    }

    /** Any attribute laid out like ERROR-CODE, e.g. ADDRESS-ERROR-CODE with its family byte in the reserved bits. */
    public StunWriter errorCode(int attributeType, int code, String reason) {
        return errorCode(attributeType, 0, code, reason);
    }

    public StunWriter errorCode(int attributeType, int leadingByte, int code, String reason) {
        int phraseLength = ByteBufUtil.utf8Bytes(reason);
        out.writeShort(attributeType).writeShort(4 + phraseLength);
        out.writeByte(leadingByte).writeByte(0).writeByte(code / 100).writeByte(code % 100);
        ByteBufUtil.reserveAndWriteUtf8(out, reason, phraseLength);
        return pad(4 + phraseLength);
    }

    /** UNKNOWN-ATTRIBUTES (RFC 8489 §14.9). */
    public StunWriter unknownAttributes(int[] attributeTypes) {
        out.writeShort(AttributeType.UNKNOWN_ATTRIBUTES).writeShort(attributeTypes.length * 2);
        for (int t : attributeTypes) {
            out.writeShort(t);
        }
        return pad(attributeTypes.length * 2);
    }

    /** A 4-byte attribute whose first byte carries the value (REQUESTED-TRANSPORT, address family, EVEN-PORT). */
    public StunWriter leadingByte(int attributeType, int value, int length) {
        out.writeShort(attributeType).writeShort(length).writeByte(value);
        out.writeZero(length - 1);
        return pad(length);
    }

    public StunWriter empty(int attributeType) {
        out.writeShort(attributeType).writeShort(0);
        return updateLength();
    }

    public StunWriter integrity(byte[] key) {
        MessageIntegrity.append(out, start, key, false);
        return this;
    }

    public StunWriter integritySha256(byte[] key) {
        MessageIntegrity.append(out, start, key, true);
        return this;
    }

    public StunWriter fingerprint() {
        Fingerprint.append(out, start);
        return this;
    }

    /** Length of the message written so far. */
    public int length() {
        return out.writerIndex() - start;
    }

    private StunWriter pad(int length) {
        int padding = (4 - (length & 3)) & 3;
        out.writeZero(padding);
        return updateLength();
    }

    private StunWriter updateLength() {
        out.setShort(start + 2, out.writerIndex() - start - StunMessage.HEADER_LENGTH);
        return this;
    }
}
