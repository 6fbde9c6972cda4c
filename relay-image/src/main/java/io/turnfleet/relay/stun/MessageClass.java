package io.turnfleet.relay.stun;

/** The two class bits of a STUN message type (RFC 8489 §5). */
public final class MessageClass {
    public static final int REQUEST = 0b00;
    public static final int INDICATION = 0b01;
    public static final int SUCCESS_RESPONSE = 0b10;
    public static final int ERROR_RESPONSE = 0b11;

    private MessageClass() {
    }
}
