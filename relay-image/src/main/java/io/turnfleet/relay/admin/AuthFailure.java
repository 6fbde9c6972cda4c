package io.turnfleet.relay.admin;

/** Why a request failed long-term credential authentication (RFC 8489 §9.2). */
public enum AuthFailure {
    /** No USERNAME/MESSAGE-INTEGRITY: the first leg of the 401 challenge. */
    MISSING_CREDENTIALS("missing_credentials"),
    UNKNOWN_USER("unknown_user"),
    BAD_INTEGRITY("bad_integrity"),
    STALE_NONCE("stale_nonce"),
    /** A TURN REST username whose expiry time has passed. */
    EXPIRED_CREDENTIAL("expired_credential"),
    /** Too many 401 answers to one source address; the request was dropped. */
    RATE_LIMITED("rate_limited"),
    /**
     * A request so small that the 401 challenge (REALM and NONCE) would exceed 3x its size; dropped. No
     * TURN client sends one: the smallest real first request, a 28-byte Allocate, fits with any realm
     * --realm accepts.
     */
    TOO_SMALL_TO_CHALLENGE("too_small_to_challenge");

    private final String label;

    AuthFailure(String label) {
        this.label = label;
    }

    /** Value of the {@code reason} metric label. */
    public String label() {
        return label;
    }
}
