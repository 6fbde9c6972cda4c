package io.turnfleet.relay.turn;

/** Conversions between address bytes and primitive words (network byte order). */
final class Addresses {

    private Addresses() {
    }

    static int ipv4(byte[] address) {
        return ipv4(address, 0);
    }

    static int ipv4(byte[] address, int offset) {
        return (address[offset] & 0xff) << 24 | (address[offset + 1] & 0xff) << 16
                | (address[offset + 2] & 0xff) << 8 | (address[offset + 3] & 0xff);
    }

    static long high(byte[] ipv6) {
        return word(ipv6, 0);
    }

    static long low(byte[] ipv6) {
        return word(ipv6, 8);
    }

    private static long word(byte[] bytes, int offset) {
        return Integer.toUnsignedLong(ipv4(bytes, offset)) << 32 | Integer.toUnsignedLong(ipv4(bytes, offset + 4));
    }

    static byte[] ipv4Bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    static byte[] ipv6Bytes(long high, long low) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (high >>> (56 - 8 * i));
            out[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return out;
    }
}
