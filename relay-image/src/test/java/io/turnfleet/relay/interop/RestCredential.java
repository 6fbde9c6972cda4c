package io.turnfleet.relay.interop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A TURN REST API credential minted the way an application server does, independently of the
 * relay's code: username {@code <unix-expiry>:<user>}, password base64(HMAC-SHA1(secret, username)).
 */
record RestCredential(String username, String password) {

    static RestCredential mint(String secret, String user, long expiryEpochSeconds) {
        String username = expiryEpochSeconds + ":" + user;
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] signature = hmac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return new RestCredential(username, Base64.getEncoder().encodeToString(signature));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "RestCredential[username=" + username + ", password=(hidden)]";
    }
}
