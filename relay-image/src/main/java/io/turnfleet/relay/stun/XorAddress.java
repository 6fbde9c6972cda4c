package io.turnfleet.relay.stun;

import io.netty.buffer.ByteBuf;

import java.net.Inet4Address;
import java.net.InetAddress;

/** Encoding of the address attributes (RFC 8489 §14.1 and §14.2). */
public final class XorAddress {
    public static final int FAMILY_IPV4 = 0x01;
    public static final int FAMILY_IPV6 = 0x02;

    private XorAddress() {
    }

    public static int familyOf(InetAddress address) {
        return address instanceof Inet4Address ? FAMILY_IPV4 : FAMILY_IPV6;
    }

    /**
     * Writes an XOR-*-ADDRESS attribute. {@code transactionHigh}/{@code transactionLow} are the
     * message's transaction id, which IPv6 addresses are XORed with.
     */
    public static void write(ByteBuf out, int attributeType, InetAddress address, int port,
                             long transactionHigh, int transactionLow) {
        int xorPort = port ^ (StunMessage.MAGIC_COOKIE >>> 16);
        if (address instanceof Inet4Address) {
            out.writeShort(attributeType).writeShort(8);
            out.writeByte(0).writeByte(FAMILY_IPV4).writeShort(xorPort);
            // Inet4Address.hashCode() is the address itself: no copy of the bytes needed.
            out.writeInt(address.hashCode() ^ StunMessage.MAGIC_COOKIE);
        } else {
            writeIpv6(out, attributeType, address.getAddress(), xorPort, transactionHigh, transactionLow);
        }
    }

    /** As {@link #write} for an address already held as raw bytes (4 or 16). */
    public static void write(ByteBuf out, int attributeType, byte[] rawAddress, int port,
                             long transactionHigh, int transactionLow) {
        int xorPort = port ^ (StunMessage.MAGIC_COOKIE >>> 16);
        if (rawAddress.length == 4) {
            out.writeShort(attributeType).writeShort(8);
            out.writeByte(0).writeByte(FAMILY_IPV4).writeShort(xorPort);
            out.writeInt(intOf(rawAddress, 0) ^ StunMessage.MAGIC_COOKIE);
        } else {
            writeIpv6(out, attributeType, rawAddress, xorPort, transactionHigh, transactionLow);
        }
    }

    private static void writeIpv6(ByteBuf out, int attributeType, byte[] raw, int xorPort,
                                  long transactionHigh, int transactionLow) {
        out.writeShort(attributeType).writeShort(20);
        out.writeByte(0).writeByte(FAMILY_IPV6).writeShort(xorPort);
        out.writeInt(intOf(raw, 0) ^ StunMessage.MAGIC_COOKIE);
        out.writeInt(intOf(raw, 4) ^ (int) (transactionHigh >>> 32));
        out.writeInt(intOf(raw, 8) ^ (int) transactionHigh);
        out.writeInt(intOf(raw, 12) ^ transactionLow);
    }

    /** Writes a plain (non-XOR) address attribute such as MAPPED-ADDRESS or ALTERNATE-SERVER. */
    public static void writePlain(ByteBuf out, int attributeType, InetAddress address, int port) {
        byte[] raw = address.getAddress();
        out.writeShort(attributeType).writeShort(4 + raw.length);
        out.writeByte(0).writeByte(raw.length == 4 ? FAMILY_IPV4 : FAMILY_IPV6).writeShort(port);
        out.writeBytes(raw);
    }

    private static int intOf(byte[] raw, int offset) {
        return ((raw[offset] & 0xFF) << 24) | ((raw[offset + 1] & 0xFF) << 16)
                | ((raw[offset + 2] & 0xFF) << 8) | (raw[offset + 3] & 0xFF);
    }
}
