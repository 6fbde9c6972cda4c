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
 * have issued it. It is short because it goes into every 401 challenge, which must stay within 3x the
 * size of the request it answers (design.md): 12 bytes, 16 base64url characters.
 *
 * <pre>
 * bound to the client address: expirySeconds (4) | tag(expiry) (5) | tag(expiry, client IP) (3)
 * unbound:                     expirySeconds (4) | tag(expiry) (8)
 * </pre>
 *
 * Why these bits are enough: the nonce is checked only after MESSAGE-INTEGRITY verified with the
 * user's key, so nobody without a key can even try a guessed nonce, and whoever holds a key gets real
 * nonces for the asking. What the tags must stop is a captured signed request being replayed, and that
 * request's nonce cannot be changed without breaking its integrity. A replay after expiry fails on
 * the 40-bit authenticity tag, which covers the expiry (forging a later expiry means about 2^39 online
 * tries, each a signed request). A replay from another address passes the 24-bit address tag by chance
 * once in 16.7 million source addresses; the answers go to that address, so the attacker must own it.
 * Both the expired and the moved nonce are STALE (438: the client retries with the fresh nonce), a
 * forgery is INVALID. Expiry is in whole seconds (unsigned 32 bits, good until 2106).
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
    private static final int EXPIRY_LENGTH = 4;
    /** 12 bytes, a multiple of 3: the base64 text has no padding bits, so each nonce has one textual form. */
    private static final int RAW_LENGTH = 12;
    private static final int BOUND_AUTHENTICITY_TAG_LENGTH = 5;
    private static final byte AUTHENTICITY_DOMAIN = 'n';
    private static final byte ADDRESS_DOMAIN = 'a';
    private static final int ENCODED_LENGTH = RAW_LENGTH / 3 * 4;

    private final long lifetimeMillis;
    private final boolean bindToClientAddress;
    private final int authenticityTagLength;
    private final ThreadLocal<PerThread> perThread;

    /**
     * One thread's HMAC and its last nonce issued and last nonce found authentic. A nonce is a pure
     * function of its expiry second and the client address, and every client of a relay asks for one
     * with its first request and then sends it with each request after, so these two spare the HMACs
     * for most challenges and checks.
     */
    private static final class PerThread {
        final Mac mac;
        InetAddress issuedTo;
        int issuedExpiry;
        String issued;
        InetAddress checkedFrom;
        String checked;
        int checkedExpiry;

        PerThread(Mac mac) {
            this.mac = mac;
        }
    }

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
        this.authenticityTagLength = bindToClientAddress ? BOUND_AUTHENTICITY_TAG_LENGTH : RAW_LENGTH - EXPIRY_LENGTH;
        SecretKeySpec keySpec = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.perThread = ThreadLocal.withInitial(() -> new PerThread(newMac(keySpec)));
    }

    /** A nonce valid for the configured lifetime from {@code nowMillis} (rounded up to a whole second). */
    public String issue(InetAddress clientAddress, long nowMillis) {
        int expiry = (int) ((nowMillis + lifetimeMillis + 999) / 1000);
        PerThread thread = perThread.get();
        if (thread.issued != null && thread.issuedExpiry == expiry
                && (!bindToClientAddress || clientAddress.equals(thread.issuedTo))) {
            return thread.issued;
        }
        ByteBuffer raw = ByteBuffer.allocate(RAW_LENGTH);
        raw.putInt(expiry);
        raw.put(authenticityTag(thread.mac, expiry));
        if (bindToClientAddress) {
            raw.put(addressTag(thread.mac, expiry, clientAddress));
        }
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.array());
        thread.issuedTo = clientAddress;
        thread.issuedExpiry = expiry;
        thread.issued = nonce;
        return nonce;
    }

    public Status check(String nonce, InetAddress clientAddress, long nowMillis) {
        if (nonce == null || nonce.length() != ENCODED_LENGTH) {
            return Status.INVALID;
        }
        PerThread thread = perThread.get();
        if (nonce.equals(thread.checked) && (!bindToClientAddress || clientAddress.equals(thread.checkedFrom))) {
            return expiryStatus(thread.checkedExpiry, nowMillis);
        }
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return Status.INVALID;
        }
        if (raw.length != RAW_LENGTH) {
            return Status.INVALID;
        }
        int expiry = ByteBuffer.wrap(raw).getInt();
        byte[] tag = Arrays.copyOfRange(raw, EXPIRY_LENGTH, EXPIRY_LENGTH + authenticityTagLength);
        if (!MessageDigest.isEqual(tag, authenticityTag(thread.mac, expiry))) {
            return Status.INVALID;
        }
        Status status = expiryStatus(expiry, nowMillis);
        if (status == Status.STALE) {
            return Status.STALE;
        }
        if (bindToClientAddress) {
            byte[] addressTag = Arrays.copyOfRange(raw, EXPIRY_LENGTH + authenticityTagLength, RAW_LENGTH);
            if (!MessageDigest.isEqual(addressTag, addressTag(thread.mac, expiry, clientAddress))) {
                return Status.STALE;
            }
        }
        thread.checked = nonce;
        thread.checkedFrom = clientAddress;
        thread.checkedExpiry = expiry;
        return Status.VALID;
    }

    private static Status expiryStatus(int expiry, long nowMillis) {
        return nowMillis > Integer.toUnsignedLong(expiry) * 1000 ? Status.STALE : Status.VALID;
    }

    private byte[] authenticityTag(Mac mac, int expiry) {
        mac.update(AUTHENTICITY_DOMAIN);
        updateInt(mac, expiry);
        return Arrays.copyOf(mac.doFinal(), authenticityTagLength);
    }

    private byte[] addressTag(Mac mac, int expiry, InetAddress clientAddress) {
        mac.update(ADDRESS_DOMAIN);
        updateInt(mac, expiry);
        mac.update(clientAddress.getAddress());
        return Arrays.copyOf(mac.doFinal(), RAW_LENGTH - EXPIRY_LENGTH - authenticityTagLength);
    }

    private static void updateInt(Mac mac, int value) {
        for (int shift = 24; shift >= 0; shift -= 8) {
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
