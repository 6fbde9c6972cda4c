package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.turnfleet.relay.auth.CredentialLookup.Status.EXPIRED;
import static io.turnfleet.relay.auth.CredentialLookup.Status.UNKNOWN;
import static io.turnfleet.relay.auth.CredentialLookup.Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;

class LongTermCredentialsTest {

    private static final String REALM = "turnfleet";

    @TempDir
    Path dir;

    private EphemeralCredentials ephemeral() throws IOException {
        Files.writeString(dir.resolve("current"), "north");
        return new EphemeralCredentials(REALM, new SharedSecrets(dir));
    }

    @Test
    void staticUserAndRestUsernameAreBothAccepted() throws IOException {
        LongTermCredentials credentials = new LongTermCredentials(
                StaticUsers.of(REALM, List.of(new StaticUser("alice", "wonderland"))), ephemeral());
        assertThat(credentials.lookup("alice", 100).status()).isEqualTo(VALID);
        assertThat(credentials.lookup("200:bob", 100).status()).isEqualTo(VALID);
        assertThat(credentials.lookup("50:bob", 100).status()).isEqualTo(EXPIRED);
        assertThat(credentials.lookup("carol", 100).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void staticUserWinsOverTheRestReadingOfItsName() throws IOException {
        LongTermCredentials credentials = new LongTermCredentials(
                StaticUsers.of(REALM, List.of(new StaticUser("50:bob", "builder"))), ephemeral());
        CredentialLookup lookup = credentials.lookup("50:bob", 100);
        assertThat(lookup.status()).isEqualTo(VALID);
        assertThat(lookup.key(0)).isEqualTo(LongTermKey.derive("50:bob", REALM, "builder"));
    }

    @Test
    void withoutSharedSecretsRestUsernamesAreUnknown() {
        LongTermCredentials credentials = new LongTermCredentials(StaticUsers.of(REALM, List.of()));
        assertThat(credentials.lookup("200:bob", 100).status()).isEqualTo(UNKNOWN);
    }
}
