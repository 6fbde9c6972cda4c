package io.turnfleet.relay.auth;

/**
 * Finds the long-term credential keys of a USERNAME (RFC 8489 §9.2). Implementations are thread-safe,
 * do not block, and cache derived keys so repeated requests with one username cost a map lookup.
 */
public interface CredentialChecker {

    CredentialLookup lookup(String username, long nowEpochSeconds);
}
