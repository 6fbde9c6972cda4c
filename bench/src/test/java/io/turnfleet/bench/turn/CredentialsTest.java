package io.turnfleet.bench.turn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialsTest {
    @Test
    void staticUserKeyIsMd5OfUserRealmPassword() {
        Credentials credentials = Credentials.staticUser("bench:secret");

        assertThat(credentials.username()).isEqualTo("bench");
        // md5("bench:bench:secret"), computed independently
        assertThat(HexFormat.of().formatHex(credentials.longTermKey("bench")))
                .isEqualTo("658b94099c7e3d910a430c0af368c8d2");
    }

    @Test
    void staticPasswordMayContainColons() {
        Credentials credentials = Credentials.staticUser("bench:se:cret");

        assertThat(credentials.username()).isEqualTo("bench");
        assertThat(credentials.longTermKey("r")).isEqualTo(Credentials.staticUser("bench:se:cret").longTermKey("r"));
    }

    @Test
    void restCredentialUsesExpiryColonUserAndHmacSha1Password() {
        Credentials credentials = Credentials.rest("north-secret".getBytes(StandardCharsets.UTF_8), "alice", 1_700_000_000L);

        assertThat(credentials.username()).isEqualTo("1700000000:alice");
        // password base64(hmac-sha1("north-secret", "1700000000:alice")) = g+jb180fcj+xlpA/2mP60OdIgU0=,
        // key md5("1700000000:alice:example.org:" + password), computed independently
        assertThat(HexFormat.of().formatHex(credentials.longTermKey("example.org")))
                .isEqualTo("21b7a39e7ca72cc4359f0ec60528da8b");
    }

    @Test
    void keyFollowsTheRealm() {
        Credentials credentials = Credentials.staticUser("bench:secret");

        assertThat(credentials.longTermKey("a")).isNotEqualTo(credentials.longTermKey("b"));
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(Credentials.staticUser("bench:hunter2").toString()).doesNotContain("hunter2").contains("bench");
        assertThat(new LongTermAuth("u", "r", "n", new byte[] {1}).toString()).doesNotContain("key");
    }

    @Test
    void userWithoutNameIsRejected() {
        assertThatThrownBy(() -> Credentials.staticUser(":secret")).hasMessage("expected NAME:PASSWORD with a non-empty name");
    }
}
