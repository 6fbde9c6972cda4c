package io.turnfleet.relay.auth;

/**
 * What the relay knows about a USERNAME before checking MESSAGE-INTEGRITY: whether it is valid,
 * expired or unknown, and the candidate long-term keys. A request is authentic when its
 * MESSAGE-INTEGRITY verifies with one of the keys. Several keys exist when several shared secrets
 * are present (secret rotation).
 *
 * <p>Instances are cached and shared: the key arrays must not be modified.
 */
public final class CredentialLookup {

    public enum Status {
        /** Known and usable. */
        VALID,
        /**
         * A TURN REST username whose expiry time has passed. It still carries its keys, so that policy
         * (--allow-expired-refresh) may let it refresh an allocation it created.
         */
        EXPIRED,
        /** No such user, or not a REST username while no shared secret is present. */
        UNKNOWN
    }

    /** A static user never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    public static final CredentialLookup UNKNOWN_USER = new CredentialLookup(Status.UNKNOWN, new byte[0][], 0);

    private final Status status;
    private final byte[][] keys;
    private final long expiresAtEpochSeconds;

    private CredentialLookup(Status status, byte[][] keys, long expiresAtEpochSeconds) {
        this.status = status;
        this.keys = keys;
        this.expiresAtEpochSeconds = expiresAtEpochSeconds;
    }

    static CredentialLookup valid(byte[][] keys, long expiresAtEpochSeconds) {
        return new CredentialLookup(Status.VALID, keys, expiresAtEpochSeconds);
    }

    static CredentialLookup expired(byte[][] keys, long expiresAtEpochSeconds) {
        return new CredentialLookup(Status.EXPIRED, keys, expiresAtEpochSeconds);
    }

    public Status status() {
        return status;
    }

    public int keyCount() {
        return keys.length;
    }

    /** The 16-byte long-term key number {@code index}; shared, do not modify. */
    public byte[] key(int index) {
        return keys[index];
    }

    /** Expiry of a REST username in Unix seconds; {@link #NEVER} for static users, 0 when unknown. */
    public long expiresAtEpochSeconds() {
        return expiresAtEpochSeconds;
    }

    @Override
    public String toString() {
        return "CredentialLookup[" + status + ", " + keys.length + " keys]";
    }
}
