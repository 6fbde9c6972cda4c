package io.turnfleet.relay.stun;

/**
 * The 14-bit STUN message type: method bits M0-M11 interleaved with class bits C0 and C1
 * (RFC 8489 §5, figure 3).
 */
public final class MessageType {
    private MessageType() {
    }

    public static int of(int method, int messageClass) {
        return (method & 0x000F)
                | ((method & 0x0070) << 1)
                | ((method & 0x0F80) << 2)
                | ((messageClass & 0b01) << 4)
                | ((messageClass & 0b10) << 7);
    }

    public static int method(int type) {
        return (type & 0x000F) | ((type & 0x00E0) >> 1) | ((type & 0x3E00) >> 2);
    }

    public static int messageClass(int type) {
        return ((type & 0x0010) >> 4) | ((type & 0x0100) >> 7);
    }
}
