package io.turnfleet.relay.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TURN REST API ephemeral credentials (draft-uberti-behave-turn-rest-00, as coturn implements it):
 * username {@code <unix-expiry-seconds>:<user>} (the part after the first ':' is free text), password
 * base64(HMAC-SHA1(secret, username)). Every present shared secret yields one candidate key.
 *
 * <p>Derived keys are kept in a bounded least-recently-used cache, dropped whenever the secrets change,
 * so the HMAC and MD5 run once per username and secret set, not once per request.
 */
public final class EphemeralCredentials implements CredentialChecker {

    public static final int DEFAULT_CACHE_CAPACITY = 10_000;

    /** Longest decimal expiry accepted: 18 digits cannot overflow a long. */
    private static final int MAX_EXPIRY_DIGITS = 18;

    private record CachedKeys(CredentialLookup valid, CredentialLookup expired) {
    }

    private final String realm;
    private final SharedSecrets secrets;
    private final Map<String, CachedKeys> cache;
    private long cachedVersion = -1;

    public EphemeralCredentials(String realm, SharedSecrets secrets) {
        this(realm, secrets, DEFAULT_CACHE_CAPACITY);
    }

    public EphemeralCredentials(String realm, SharedSecrets secrets, int cacheCapacity) {
        if (cacheCapacity < 1) {
            throw new IllegalArgumentException("cache capacity must be at least 1, not " + cacheCapacity);
        }
        this.realm = realm;
        this.secrets = secrets;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CachedKeys> eldest) {
                return size() > cacheCapacity;
            }
        };
    }

    @Override
    public CredentialLookup lookup(String username, long nowEpochSeconds) {
        long expiry = expiryOf(username);
        if (expiry < 0) {
            return CredentialLookup.UNKNOWN_USER;
        }
        SharedSecrets.Snapshot snapshot = secrets.snapshot();
        if (snapshot.secrets().isEmpty()) {
            return CredentialLookup.UNKNOWN_USER;
        }
        CachedKeys keys = cached(username, snapshot.version());
        if (keys == null) {
            keys = derive(username, expiry, snapshot.secrets());
            store(username, keys, snapshot.version());
        }
        return nowEpochSeconds > expiry ? keys.expired() : keys.valid();
    }

    /** The expiry of a REST username in Unix seconds, or -1 when the username is not of that form. */
    public static long expiryOf(String username) {
        int colon = username.indexOf(':');
        if (colon < 1 || colon > MAX_EXPIRY_DIGITS) {
            return -1;
        }
        long expiry = 0;
        for (int i = 0; i < colon; i++) {
            char c = username.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            expiry = expiry * 10 + (c - '0');
        }
        return expiry;
    }

    /** The REST username for {@code user} valid until {@code expiryEpochSeconds}. */
    public static String username(long expiryEpochSeconds, String user) {
        if (expiryEpochSeconds < 0) {
            throw new IllegalArgumentException("expiry must not be negative, not " + expiryEpochSeconds);
        }
        return expiryEpochSeconds + ":" + user;
    }

    /** The REST password of {@code username}: base64(HMAC-SHA1(secret, username)). */
    public static String password(byte[] secret, String username) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(secret, "HmacSHA1"));
            return Base64.getEncoder().encodeToString(hmac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException everyJavaPlatformHasHmacSha1) {
            throw new IllegalStateException(everyJavaPlatformHasHmacSha1);
        }
    }

    private synchronized CachedKeys cached(String username, long version) {
        if (version != cachedVersion) {
            cache.clear();
            cachedVersion = version;
        }
        return cache.get(username);
    }

    private synchronized void store(String username, CachedKeys keys, long version) {
        if (version == cachedVersion) {
            cache.put(username, keys);
        }
    }

    private CachedKeys derive(String username, long expiry, List<byte[]> secretList) {
        byte[][] keys = new byte[secretList.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = LongTermKey.derive(username, realm, password(secretList.get(i), username));
        }
        return new CachedKeys(CredentialLookup.valid(keys, expiry), CredentialLookup.expired(keys, expiry));
    }
}
