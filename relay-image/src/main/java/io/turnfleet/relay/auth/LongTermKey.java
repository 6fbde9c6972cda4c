package io.turnfleet.relay.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The long-term credential key, key = MD5(username ":" realm ":" password) (RFC 8489 §9.2.2,
 * RFC 5389 §15.4), 16 bytes, used as the HMAC key of MESSAGE-INTEGRITY.
 *
 * <p>The strings are hashed as UTF-8 without OpaqueString/SASLprep processing: that is what
 * browsers (libwebrtc), coturn and pion send, and the two agree for every ASCII password.
 */
public final class LongTermKey {

    public static final int LENGTH = 16;

    private LongTermKey() {
    }

    public static byte[] derive(String username, String realm, String password) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(username.getBytes(StandardCharsets.UTF_8));
            md5.update((byte) ':');
            md5.update(realm.getBytes(StandardCharsets.UTF_8));
            md5.update((byte) ':');
            md5.update(password.getBytes(StandardCharsets.UTF_8));
            return md5.digest();
        } catch (NoSuchAlgorithmException everyJavaPlatformHasMd5) {
            throw new IllegalStateException(everyJavaPlatformHasMd5);
        }
    }
}
