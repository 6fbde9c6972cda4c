package io.turnfleet.relay.turn;

import io.turnfleet.relay.stun.ErrorCode;

/** A request that must be answered with a TURN error; the message is the reason phrase sent. */
public final class TurnRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TurnRequestException(ErrorCode code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
