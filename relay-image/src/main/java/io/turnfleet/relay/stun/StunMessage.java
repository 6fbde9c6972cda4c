package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * A parsed STUN message: a view over the bytes it was read from, which it borrows and never
 * releases. Instances are reusable: {@link #readFrom(ByteBuf)} resets every field, so a handler
 * keeps one per event loop and parses each datagram into it without allocating.
 *
 * <p>Header and attribute framing follow RFC 8489 §5 and §14. Attributes that follow
 * MESSAGE-INTEGRITY are ignored except MESSAGE-INTEGRITY-SHA256 and FINGERPRINT (§14.5, §14.6,
 * §14.7); of repeated attributes only the first counts (§14).
 */
public final class StunMessage {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    /** A UDP payload can't be longer; a stream frame is held to the same bound. */
    public static final int MAX_LENGTH = 65_535;
    static final int MAX_ATTRIBUTES = 64;

    private ByteBuf buf;
    private int start;
    private int type;
    private int bodyLength;
    private long transactionHigh;
    private int transactionLow;
    private int attributeCount;
    private final int[] types;
    private final int[] offsets;
    private final int[] lengths;
    private int integrityIndex;
    private int integritySha256Index;
    private int fingerprintIndex;

    /** A message to read into, any number of times. */
    public StunMessage() {
        this(MAX_ATTRIBUTES);
    }

    private StunMessage(int attributeCapacity) {
        this.types = new int[attributeCapacity];
        this.offsets = new int[attributeCapacity];
        this.lengths = new int[attributeCapacity];
    }

    /** Parses a new message from the readable bytes of {@code buf}, which it borrows. */
    public static StunMessage parse(ByteBuf buf) throws StunParseException {
        StunMessage message = new StunMessage();
        message.readFrom(buf);
        return message;
    }

    /**
     * Whether the first byte can start a STUN message: the two most significant bits of every STUN
     * message are zero (RFC 8489 §5), which tells it apart from ChannelData (RFC 8656 §12).
     */
    public static boolean looksLikeStun(int firstByte) {
        return (firstByte & 0xC0) == 0;
    }

    /**
     * Reads the readable bytes of {@code buf} as exactly one STUN message. Borrows {@code buf}: the
     * message stays valid while the buffer lives and its bytes are unchanged.
     */
    public void readFrom(ByteBuf buf) throws StunParseException {
        this.buf = buf;
        this.start = buf.readerIndex();
        this.attributeCount = 0;
        this.integrityIndex = -1;
        this.integritySha256Index = -1;
        this.fingerprintIndex = -1;
        int available = buf.readableBytes();
        if (available < HEADER_LENGTH) {
            throw new StunParseException("message of " + available + " bytes is shorter than the 20-byte STUN header");
        }
        if (available > MAX_LENGTH) {
            throw new StunParseException("message of " + available + " bytes exceeds the " + MAX_LENGTH + "-byte maximum");
        }
        int word = buf.getUnsignedShort(start);
        if ((word & 0xC000) != 0) {
            throw new StunParseException(String.format("first two bits of message type 0x%04x are not zero", word));
        }
        type = word;
        bodyLength = buf.getUnsignedShort(start + 2);
        if ((bodyLength & 3) != 0) {
            throw new StunParseException("message length " + bodyLength + " is not a multiple of 4");
        }
        if (bodyLength != available - HEADER_LENGTH) {
            throw new StunParseException("message length " + bodyLength + " does not match the "
                    + (available - HEADER_LENGTH) + " bytes after the header");
        }
        int cookie = buf.getInt(start + 4);
        if (cookie != MAGIC_COOKIE) {
            throw new StunParseException(String.format("magic cookie 0x%08x is not 0x2112a442", cookie));
        }
        transactionHigh = buf.getLong(start + 8);
        transactionLow = buf.getInt(start + 16);
        readAttributes();
    }

    private void readAttributes() throws StunParseException {
        int position = start + HEADER_LENGTH;
        int end = start + HEADER_LENGTH + bodyLength;
        boolean ignoring = false;
        while (position < end) {
            if (end - position < 4) {
                throw new StunParseException("attribute header at offset " + (position - start) + " runs past the end");
            }
            int attributeType = buf.getUnsignedShort(position);
            int length = buf.getUnsignedShort(position + 2);
            int valueOffset = position + 4;
            int padded = (length + 3) & ~3;
            if (valueOffset + padded > end) {
                throw new StunParseException(String.format("attribute 0x%04x length %d exceeds remaining %d",
                        attributeType, length, end - valueOffset));
            }
            position = valueOffset + padded;
            if (ignoring && !followsIntegrity(attributeType)) {
                continue;
            }
            if (fingerprintIndex >= 0) {
                continue;
            }
            if (attributeCount == types.length) {
                throw new StunParseException("more than " + MAX_ATTRIBUTES + " attributes");
            }
            int index = attributeCount++;
            types[index] = attributeType;
            offsets[index] = valueOffset;
            lengths[index] = length;
            if (attributeType == AttributeType.MESSAGE_INTEGRITY && integrityIndex < 0 && integritySha256Index < 0) {
                integrityIndex = index;
                ignoring = true;
            } else if (attributeType == AttributeType.MESSAGE_INTEGRITY_SHA256 && integritySha256Index < 0) {
                integritySha256Index = index;
                ignoring = true;
            } else if (attributeType == AttributeType.FINGERPRINT) {
                fingerprintIndex = index;
            }
        }
    }

    private boolean followsIntegrity(int attributeType) {
        return attributeType == AttributeType.FINGERPRINT
                || (attributeType == AttributeType.MESSAGE_INTEGRITY_SHA256 && integritySha256Index < 0);
    }

    public ByteBuf buffer() {
        return buf;
    }

    /** Reader index of the first header byte in {@link #buffer()}. */
    public int start() {
        return start;
    }

    /** Total length in bytes, header included. */
    public int totalLength() {
        return HEADER_LENGTH + bodyLength;
    }

    public int type() {
        return type;
    }

    public int method() {
        return MessageType.method(type);
    }

    public int messageClass() {
        return MessageType.messageClass(type);
    }

    public boolean isRequest() {
        return messageClass() == MessageClass.REQUEST;
    }

    public boolean isIndication() {
        return messageClass() == MessageClass.INDICATION;
    }

    /** Bytes 8-15 of the header: the first 8 bytes of the transaction id. */
    public long transactionHigh() {
        return transactionHigh;
    }

    /** Bytes 16-19 of the header: the last 4 bytes of the transaction id. */
    public int transactionLow() {
        return transactionLow;
    }

    public int attributeCount() {
        return attributeCount;
    }

    public int attributeType(int index) {
        return types[index];
    }

    /** Absolute index of the attribute's value in {@link #buffer()}. */
    public int valueOffset(int index) {
        return offsets[index];
    }

    public int valueLength(int index) {
        return lengths[index];
    }

    /** Absolute index of the attribute's 4-byte header in {@link #buffer()}. */
    public int attributeStart(int index) {
        return offsets[index] - 4;
    }

    /** Index of the first attribute of this type, or -1. */
    public int find(int attributeType) {
        for (int i = 0; i < attributeCount; i++) {
            if (types[i] == attributeType) {
                return i;
            }
        }
        return -1;
    }

    public boolean has(int attributeType) {
        return find(attributeType) >= 0;
    }

    public int integrityIndex() {
        return integrityIndex;
    }

    public int integritySha256Index() {
        return integritySha256Index;
    }

    public int fingerprintIndex() {
        return fingerprintIndex;
    }

    /** Comprehension-required attribute types this relay does not understand, in message order. */
    public int[] unknownComprehensionRequired() {
        int count = 0;
        int[] unknown = new int[attributeCount];
        for (int i = 0; i < attributeCount; i++) {
            int t = types[i];
            if (AttributeType.isComprehensionRequired(t) && !AttributeType.isUnderstood(t)) {
                unknown[count++] = t;
            }
        }
        return java.util.Arrays.copyOf(unknown, count);
    }

    public boolean hasUnknownComprehensionRequired() {
        for (int i = 0; i < attributeCount; i++) {
            int t = types[i];
            if (AttributeType.isComprehensionRequired(t) && !AttributeType.isUnderstood(t)) {
                return true;
            }
        }
        return false;
    }

    /** The value as UTF-8 text (USERNAME, REALM, NONCE, SOFTWARE). */
    public String text(int index) {
        return MessageBytes.text(buf, offsets[index], lengths[index]);
    }

    /** A 32-bit value (LIFETIME, CHANNEL-NUMBER's first half, REQUESTED-TRANSPORT's protocol). */
    public long unsignedInt(int index) throws StunParseException {
        requireLength(index, 4);
        return buf.getUnsignedInt(offsets[index]);
    }

    public int firstByte(int index) throws StunParseException {
        if (lengths[index] < 1) {
            throw new StunParseException(String.format("attribute 0x%04x is empty", types[index]));
        }
        return buf.getUnsignedByte(offsets[index]);
    }

    public long longValue(int index) throws StunParseException {
        requireLength(index, 8);
        return buf.getLong(offsets[index]);
    }

    public void requireLength(int index, int expected) throws StunParseException {
        if (lengths[index] != expected) {
            throw new StunParseException(String.format("attribute 0x%04x has length %d (expected %d)",
                    types[index], lengths[index], expected));
        }
    }

    /** Family byte of an address attribute: {@link XorAddress#FAMILY_IPV4} or {@link XorAddress#FAMILY_IPV6}. */
    public int addressFamily(int index) throws StunParseException {
        int length = lengths[index];
        if (length != 8 && length != 20) {
            throw new StunParseException(String.format("address attribute 0x%04x has length %d (expected 8 or 20)",
                    types[index], length));
        }
        int family = buf.getUnsignedByte(offsets[index] + 1);
        if ((family == XorAddress.FAMILY_IPV4 && length != 8) || (family == XorAddress.FAMILY_IPV6 && length != 20)
                || (family != XorAddress.FAMILY_IPV4 && family != XorAddress.FAMILY_IPV6)) {
            throw new StunParseException(String.format("address attribute 0x%04x has family %d with length %d",
                    types[index], family, length));
        }
        return family;
    }

    /**
     * Decodes an XOR-*-ADDRESS attribute (RFC 8489 §14.2). An IPv4-mapped IPv6 address
     * (::ffff:a.b.c.d) comes out as the IPv4 address, so the relay treats such a peer as IPv4 everywhere:
     * family checks, permissions, the relay socket that reaches it, the Data indications it sends.
     */
    public InetSocketAddress xorAddress(int index) throws StunParseException {
        int family = addressFamily(index);
        int offset = offsets[index];
        int port = buf.getUnsignedShort(offset + 2) ^ (MAGIC_COOKIE >>> 16);
        byte[] raw = new byte[family == XorAddress.FAMILY_IPV4 ? 4 : 16];
        BufferBytes.copy(buf, offset + 4, raw, 0, raw.length);
        xorWithCookieAndTransaction(raw);
        return new InetSocketAddress(toAddress(raw), port);
    }

    /** Decodes a plain MAPPED-ADDRESS or ALTERNATE-SERVER attribute (RFC 8489 §14.1). */
    public InetSocketAddress plainAddress(int index) throws StunParseException {
        int family = addressFamily(index);
        int offset = offsets[index];
        byte[] raw = new byte[family == XorAddress.FAMILY_IPV4 ? 4 : 16];
        BufferBytes.copy(buf, offset + 4, raw, 0, raw.length);
        return new InetSocketAddress(toAddress(raw), buf.getUnsignedShort(offset + 2));
    }

    /** XORs an address in place with the magic cookie and, for IPv6, the transaction id. */
    public void xorWithCookieAndTransaction(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            raw[i] ^= buf.getByte(start + 4 + i);
        }
    }

    /** A copy of this message in a buffer of its own, which outlives the one parsed; the caller releases it. */
    public StunMessage copy() {
        ByteBuf copy = Unpooled.copiedBuffer(buf.slice(start, totalLength()));
        try {
            // Room for exactly the attributes this message has: the same bytes parse to as many again.
            StunMessage message = new StunMessage(attributeCount);
            message.readFrom(copy);
            return message;
        } catch (StunParseException e) {
            throw new IllegalStateException("a message that parsed once parses again", e);
        }
    }

    /** Writes the 12-byte transaction id into {@code out}. */
    public void copyTransactionId(ByteBuf out) {
        out.writeLong(transactionHigh).writeInt(transactionLow);
    }

    public byte[] transactionId() {
        byte[] id = new byte[12];
        BufferBytes.copy(buf, start + 8, id, 0, id.length);
        return id;
    }

    private static InetAddress toAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a 4- or 16-byte address is always valid", e);
        }
    }

    @Override
    public String toString() {
        return Method.name(method()) + "/" + messageClass() + " attributes=" + attributeCount;
    }
}
