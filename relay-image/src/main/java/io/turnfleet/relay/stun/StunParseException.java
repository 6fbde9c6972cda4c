package io.turnfleet.relay.stun;

/** A datagram or stream frame that is not a well-formed STUN message or ChannelData message. */
public final class StunParseException extends Exception {
    private static final long serialVersionUID = 1L;

    public StunParseException(String message) {
        super(message, null, false, false);
    }
}
