package io.turnfleet.relay.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

/**
 * Stateless NONCE values (RFC 8489 §9.2.1, §14.10): nothing is stored per client. A nonce carries its
 * expiry time and HMAC-SHA256 tags under a key that is random per process, so only this process can
 * have issued it:
 *
 * <pre>base64url( expiryMillis (8 bytes) | tag(expiry) (13 bytes) [| tag(expiry, client IP) (9 bytes)] )</pre>
 *
 * The first tag proves authenticity, the second (when bound to the client address) tells an authentic
 * nonce presented from another address apart from a forgery: both the expired and the moved nonce are
 * STALE (438, the client retries with the fresh nonce), a forgery is INVALID. The text is 28 or 40
 * characters of the base64url alphabet, within the 128 characters the RFC allows.
 */
public final class Nonces {

    public enum Status {
        VALID,
        /** Issued by this process but expired, or presented from another address than it was issued to. */
        STALE,
        /** Not issued by this process: garbage, forged, or from before a restart. */
        INVALID
    }

    private static final int KEY_LENGTH = 32;
    private static final int EXPIRY_LENGTH = 8;
    // 8 + 13 and 8 + 13 + 9 bytes are multiples of 3: the base64 text has no padding bits, so each
    // nonce has exactly one textual form.
    private static final int AUTHENTICITY_TAG_LENGTH = 13;
    private static final int ADDRESS_TAG_LENGTH = 9;
    private static final byte AUTHENTICITY_DOMAIN = 'n';
    private static final byte ADDRESS_DOMAIN = 'a';

    private final long lifetimeMillis;
    private final boolean bindToClientAddress;
    private final int encodedLength;
    private final ThreadLocal<Mac> hmac;

    /** A nonce source with a fresh random key. */
    public Nonces(Duration lifetime, boolean bindToClientAddress) {
        this(randomKey(), lifetime, bindToClientAddress);
    }

    Nonces(byte[] key, Duration lifetime, boolean bindToClientAddress) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime must be positive, not " + lifetime);
        }
        this.lifetimeMillis = lifetime.toMillis();
        this.bindToClientAddress = bindToClientAddress;
        int rawLength = EXPIRY_LENGTH + AUTHENTICITY_TAG_LENGTH + (bindToClientAddress ? ADDRESS_TAG_LENGTH : 0);
        this.encodedLength = rawLength / 3 * 4;
        SecretKeySpec keySpec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.hmac = ThreadLocal.withInitial(() -> newMac(keySpec));
    }

    /** A nonce valid for the configured lifetime from {@code nowMillis}. */
    public String issue(InetAddress clientAddress, long nowMillis) {
        long expiry = nowMillis + lifetimeMillis;
        ByteBuffer raw = ByteBuffer.allocate(EXPIRY_LENGTH + AUTHENTICITY_TAG_LENGTH
                + (bindToClientAddress ? ADDRESS_TAG_LENGTH : 0));
        raw.putLong(expiry);
        raw.put(authenticityTag(expiry));
        if (bindToClientAddress) {
            raw.put(addressTag(expiry, clientAddress));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.array());
    }

    public Status check(String nonce, InetAddress clientAddress, long nowMillis) {
        if (nonce == null || nonce.length() != encodedLength) {
            return Status.INVALID;
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Status.INVALID;
        }
        if (raw.length != encodedLength / 4 * 3) {
            return Status.INVALID;
        }
        long expiry = ByteBuffer.wrap(raw).getLong();
        byte[] tag = Arrays.copyOfRange(raw, EXPIRY_LENGTH, EXPIRY_LENGTH + AUTHENTICITY_TAG_LENGTH);
        if (!MessageDigest.isEqual(tag, authenticityTag(expiry))) {
            return Status.INVALID;
        }
        if (nowMillis > expiry) {
            return Status.STALE;
        }
        if (bindToClientAddress) {
            byte[] addressTag = Arrays.copyOfRange(raw, EXPIRY_LENGTH + AUTHENTICITY_TAG_LENGTH, raw.length);
            if (!MessageDigest.isEqual(addressTag, addressTag(expiry, clientAddress))) {
                return Status.STALE;
            }
        }
        return Status.VALID;
    }

    private byte[] authenticityTag(long expiry) {
        Mac mac = hmac.get();
        mac.update(AUTHENTICITY_DOMAIN);
        updateLong(mac, expiry);
        return Arrays.copyOf(mac.doFinal(), AUTHENTICITY_TAG_LENGTH);
    }

    private byte[] addressTag(long expiry, InetAddress clientAddress) {
        Mac mac = hmac.get();
        mac.update(ADDRESS_DOMAIN);
        updateLong(mac, expiry);
        mac.update(clientAddress.getAddress());
        return Arrays.copyOf(mac.doFinal(), ADDRESS_TAG_LENGTH);
    }

    private static void updateLong(Mac mac, long value) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            mac.update((byte) (value >>> shift));
        }
    }

    private static Mac newMac(SecretKeySpec key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException everyJavaPlatformHasHmacSha256) {
            throw new IllegalStateException(everyJavaPlatformHasHmacSha256);
        }
    }

    private static byte[] randomKey() {
        byte[] key = new byte[KEY_LENGTH];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
