package io.turnfleet.relay.auth;

/**
 * The relay's long-term credential mechanism (RFC 8489 §9.2): static users first, then TURN REST
 * ephemeral credentials when shared secrets are configured.
 */
public final class LongTermCredentials implements CredentialChecker {

    private final StaticUsers staticUsers;
    private final EphemeralCredentials ephemeral;

    /** Static users only (no --auth-secret-dir). */
    public LongTermCredentials(StaticUsers staticUsers) {
        this(staticUsers, null);
    }

    /** @param ephemeral REST credentials, or null without an --auth-secret-dir */
    public LongTermCredentials(StaticUsers staticUsers, EphemeralCredentials ephemeral) {
        this.staticUsers = staticUsers;
        this.ephemeral = ephemeral;
    }

    @Override
    public CredentialLookup lookup(String username, long nowEpochSeconds) {
        CredentialLookup lookup = staticUsers.lookup(username, nowEpochSeconds);
        if (lookup.status() != CredentialLookup.Status.UNKNOWN || ephemeral == null) {
            return lookup;
        }
        return ephemeral.lookup(username, nowEpochSeconds);
    }
}
