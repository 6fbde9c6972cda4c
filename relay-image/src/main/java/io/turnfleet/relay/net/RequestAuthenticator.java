package io.turnfleet.relay.net;

import io.turnfleet.relay.admin.AuthFailure;
import io.turnfleet.relay.auth.CredentialLookup;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.stun.AttributeType;
import io.turnfleet.relay.stun.ErrorCode;
import io.turnfleet.relay.stun.MessageIntegrity;
import io.turnfleet.relay.stun.StunMessage;

import java.net.InetSocketAddress;

/**
 * The long-term credential mechanism on the server side (RFC 8489 §9.2.4): challenge requests
 * without integrity, check USERNAME, MESSAGE-INTEGRITY and NONCE in that order, and say which
 * answer a failure gets. Stateless: nonces are HMACs, keys come from the credential checker.
 */
final class RequestAuthenticator {
    /** What authentication of one request came to. */
    sealed interface Outcome permits Credential, Refusal {
    }

    /** The user a request was authenticated as, and the key its answer is signed with. */
    record Credential(String username, byte[] key, boolean expired) implements Outcome {
    }

    /** Why a request was refused; {@code challenge} answers carry REALM and a fresh NONCE. */
    record Refusal(ErrorCode code, AuthFailure reason, boolean challenge) implements Outcome {
    }

    private final RelayContext relay;

    RequestAuthenticator(RelayContext relay) {
        this.relay = relay;
    }

    /**
     * Authenticates {@code request}. Returns a {@link Credential} or a {@link Refusal}; an expired
     * REST credential is returned with {@code expired} set so the caller decides (only a Refresh may
     * use it, and only when --allow-expired-refresh is on).
     */
    Outcome authenticate(StunMessage request, InetSocketAddress client) {
        if (request.integrityIndex() < 0 && request.integritySha256Index() < 0) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, AuthFailure.MISSING_CREDENTIALS, true);
        }
        int username = request.find(AttributeType.USERNAME);
        int realm = request.find(AttributeType.REALM);
        int nonce = request.find(AttributeType.NONCE);
        if (username < 0 || realm < 0 || nonce < 0) {
            return new Refusal(ErrorCode.BAD_REQUEST, AuthFailure.MISSING_CREDENTIALS, false);
        }
        String name = request.text(username);
        CredentialLookup lookup = relay.credentials().lookup(name, System.currentTimeMillis() / 1000);
        if (lookup.status() == CredentialLookup.Status.UNKNOWN) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, AuthFailure.UNKNOWN_USER, true);
        }
        byte[] key = verifiedKey(request, lookup);
        if (key == null) {
            return new Refusal(ErrorCode.UNAUTHENTICATED, AuthFailure.BAD_INTEGRITY, true);
        }
        Nonces.Status nonceStatus = relay.nonces().check(request.text(nonce), client.getAddress(),
                System.currentTimeMillis());
        if (nonceStatus != Nonces.Status.VALID) {
            return new Refusal(ErrorCode.STALE_NONCE, AuthFailure.STALE_NONCE, true);
        }
        return new Credential(name, key, lookup.status() == CredentialLookup.Status.EXPIRED);
    }

    private static byte[] verifiedKey(StunMessage request, CredentialLookup lookup) {
        for (int i = 0; i < lookup.keyCount(); i++) {
            byte[] key = lookup.key(i);
            if (MessageIntegrity.verify(request, key)) {
                return key;
            }
        }
        return null;
    }
}
