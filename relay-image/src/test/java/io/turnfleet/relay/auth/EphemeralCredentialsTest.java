package io.turnfleet.relay.auth;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static io.turnfleet.relay.auth.CredentialLookup.Status.EXPIRED;
import static io.turnfleet.relay.auth.CredentialLookup.Status.UNKNOWN;
import static io.turnfleet.relay.auth.CredentialLookup.Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EphemeralCredentialsTest {

    private static final String REALM = "turnfleet";
    private static final String USERNAME = "1700000000:alice";
    private static final byte[] NORTH = "north".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SOUTH = "south".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private SharedSecrets secrets;

    @BeforeEach
    void oneSecret() throws IOException {
        Files.writeString(dir.resolve("current"), "north\n");
        secrets = new SharedSecrets(dir);
    }

    /** What a client (coturn's turnutils_uclient -W, a WebRTC app's backend) computes. */
    private static byte[] clientKey(byte[] secret, String username) {
        return LongTermKey.derive(username, REALM, EphemeralCredentials.password(secret, username));
    }

    @Test
    void passwordIsBase64OfHmacSha1OfTheUsername() {
        // echo -n "1700000000:alice" | openssl dgst -sha1 -hmac north -binary | base64
        assertThat(EphemeralCredentials.password(NORTH, USERNAME)).isEqualTo("Cd/49soE35ICqcJF/bCTn8Z4OyE=");
        // echo -n "1700000000:alice:turnfleet:Cd/49soE35ICqcJF/bCTn8Z4OyE=" | md5sum
        assertThat(HexFormat.of().formatHex(clientKey(NORTH, USERNAME))).isEqualTo("0b12df6633d57d594658e3d81091d241");
    }

    @Test
    void usernameIsExpiryColonUser() {
        assertThat(EphemeralCredentials.username(1_700_000_000L, "alice")).isEqualTo(USERNAME);
        assertThatThrownBy(() -> EphemeralCredentials.username(-1, "alice")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void expiryIsTheDecimalBeforeTheFirstColon() {
        assertThat(EphemeralCredentials.expiryOf(USERNAME)).isEqualTo(1_700_000_000L);
        assertThat(EphemeralCredentials.expiryOf("1700000000:app:alice")).isEqualTo(1_700_000_000L);
        assertThat(EphemeralCredentials.expiryOf("1700000000:")).as("empty user part, as uclient sends").isEqualTo(1_700_000_000L);
        assertThat(EphemeralCredentials.expiryOf("999999999999999999:x")).isEqualTo(999_999_999_999_999_999L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice:1700000000", ":alice", "1700000000", "-1:alice", "+1:alice", "17e8:alice",
            "1000000000000000000:x", "１７:alice"})
    void usernamesNotOfTheRestFormHaveNoExpiry(String username) {
        assertThat(EphemeralCredentials.expiryOf(username)).isEqualTo(-1);
    }

    @Test
    void validUsernameCarriesTheKeyTheClientComputes() {
        CredentialLookup lookup = new EphemeralCredentials(REALM, secrets).lookup(USERNAME, 1_699_999_000L);
        assertThat(lookup.status()).isEqualTo(VALID);
        assertThat(lookup.keyCount()).isEqualTo(1);
        assertThat(lookup.key(0)).isEqualTo(clientKey(NORTH, USERNAME));
        assertThat(lookup.expiresAtEpochSeconds()).isEqualTo(1_700_000_000L);
    }

    @Test
    void usernameIsValidUpToAndIncludingItsExpirySecond() {
        EphemeralCredentials credentials = new EphemeralCredentials(REALM, secrets);
        assertThat(credentials.lookup(USERNAME, 1_700_000_000L).status()).isEqualTo(VALID);
        assertThat(credentials.lookup(USERNAME, 1_700_000_001L).status()).isEqualTo(EXPIRED);
    }

    @Test
    void expiredUsernameStillCarriesItsKeysForRefreshPolicy() {
        CredentialLookup lookup = new EphemeralCredentials(REALM, secrets).lookup(USERNAME, 1_800_000_000L);
        assertThat(lookup.status()).isEqualTo(EXPIRED);
        assertThat(lookup.key(0)).isEqualTo(clientKey(NORTH, USERNAME));
    }

    @Test
    void everySecretPresentGivesOneCandidateKey() throws IOException {
        Files.writeString(dir.resolve("previous"), "south\n");
        secrets.refresh();
        CredentialLookup lookup = new EphemeralCredentials(REALM, secrets).lookup(USERNAME, 0);
        assertThat(lookup.keyCount()).isEqualTo(2);
        assertThat(lookup.key(0)).as("file 'current'").isEqualTo(clientKey(NORTH, USERNAME));
        assertThat(lookup.key(1)).as("file 'previous'").isEqualTo(clientKey(SOUTH, USERNAME));
    }

    @Test
    void nonRestUsernameIsUnknown() {
        assertThat(new EphemeralCredentials(REALM, secrets).lookup("alice", 0).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void withoutAnySecretEveryUsernameIsUnknown() throws IOException {
        Files.delete(dir.resolve("current"));
        secrets.refresh();
        assertThat(new EphemeralCredentials(REALM, secrets).lookup(USERNAME, 0)).isSameAs(CredentialLookup.UNKNOWN_USER);
    }

    @Test
    void repeatedLookupsOfOneUsernameReuseTheDerivedKeys() {
        EphemeralCredentials credentials = new EphemeralCredentials(REALM, secrets);
        CredentialLookup first = credentials.lookup(USERNAME, 0);
        assertThat(credentials.lookup(USERNAME, 1)).isSameAs(first);
        assertThat(credentials.lookup(USERNAME, 1_800_000_000L).key(0)).isSameAs(first.key(0));
    }

    @Test
    void changedSecretsInvalidateTheCache() throws IOException {
        EphemeralCredentials credentials = new EphemeralCredentials(REALM, secrets);
        CredentialLookup before = credentials.lookup(USERNAME, 0);

        Files.writeString(dir.resolve("current"), "south\n");
        secrets.refresh();

        CredentialLookup after = credentials.lookup(USERNAME, 0);
        assertThat(after).isNotSameAs(before);
        assertThat(after.key(0)).isEqualTo(clientKey(SOUTH, USERNAME));
    }

    @Test
    void cacheIsBoundedAndDropsTheLeastRecentlyUsedUsername() {
        EphemeralCredentials credentials = new EphemeralCredentials(REALM, secrets, 2);
        CredentialLookup a = credentials.lookup("1:a", 0);
        CredentialLookup b = credentials.lookup("1:b", 0);
        assertThat(credentials.lookup("1:a", 0)).isSameAs(a);
        credentials.lookup("1:c", 0);
        assertThat(credentials.lookup("1:a", 0)).as("recently used, kept").isSameAs(a);
        assertThat(credentials.lookup("1:b", 0)).as("least recently used, evicted").isNotSameAs(b);
    }

    @Test
    void cacheCapacityMustBePositive() {
        assertThatThrownBy(() -> new EphemeralCredentials(REALM, secrets, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void lookupToStringShowsNoKeyMaterial() {
        CredentialLookup lookup = new EphemeralCredentials(REALM, secrets).lookup(USERNAME, 0);
        assertThat(lookup.toString()).isEqualTo("CredentialLookup[VALID, 1 keys]");
    }
}
