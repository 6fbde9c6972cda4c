package io.turnfleet.bench.turn;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Long-term credentials (RFC 8489 §9.2): a static user, or a TURN REST ephemeral credential whose
 * username is {@code <expiry>:<user>} and whose password is base64(HMAC-SHA1(secret, username)).
 * {@link #toString()} never shows the password.
 */
public final class Credentials {
    private final String username;
    private final String password;
    private String keyRealm;
    private byte[] key;

    private Credentials(String username, String password) {
        this.username = username;
        this.password = password;
    }

    /** A static user given as {@code NAME:PASSWORD}; the password may itself contain ':'. */
    public static Credentials staticUser(String nameAndPassword) {
        int colon = nameAndPassword.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("expected NAME:PASSWORD with a non-empty name");
        }
        return new Credentials(nameAndPassword.substring(0, colon), nameAndPassword.substring(colon + 1));
    }

    /** A TURN REST credential for {@code user}, valid until {@code expiryEpochSeconds}, signed with {@code secret}. */
    public static Credentials rest(byte[] secret, String user, long expiryEpochSeconds) {
        String username = expiryEpochSeconds + ":" + user;
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret, "HmacSHA1"));
            byte[] digest = mac.doFinal(username.getBytes(StandardCharsets.UTF_8));
            return new Credentials(username, Base64.getEncoder().encodeToString(digest));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is a required JDK algorithm", e);
        }
    }

    public String username() {
        return username;
    }

    /** MD5(username ":" realm ":" password), the long-term key; computed once per realm. */
    public byte[] longTermKey(String realm) {
        if (!realm.equals(keyRealm)) {
            try {
                MessageDigest md5 = MessageDigest.getInstance("MD5");
                key = md5.digest((username + ":" + realm + ":" + password).getBytes(StandardCharsets.UTF_8));
                keyRealm = realm;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("MD5 is a required JDK algorithm", e);
            }
        }
        return key;
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=<redacted>]";
    }
}
