package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.turnfleet.relay.auth.CredentialLookup.Status.UNKNOWN;
import static io.turnfleet.relay.auth.CredentialLookup.Status.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticUsersTest {

    private static final String REALM = "turnfleet";
    private static final long NOW = 1_700_000_000L;

    @TempDir
    Path dir;

    private static byte[] key(String name, String password) {
        return LongTermKey.derive(name, REALM, password);
    }

    @Test
    void commandLineUserHasItsLongTermKeyAndNeverExpires() {
        StaticUsers users = StaticUsers.of(REALM, List.of(new StaticUser("alice", "wonderland")));
        CredentialLookup lookup = users.lookup("alice", NOW);
        assertThat(lookup.status()).isEqualTo(VALID);
        assertThat(lookup.keyCount()).isEqualTo(1);
        assertThat(lookup.key(0)).isEqualTo(key("alice", "wonderland"));
        assertThat(lookup.expiresAtEpochSeconds()).isEqualTo(CredentialLookup.NEVER);
    }

    @Test
    void unknownNameIsUnknownWithoutKeys() {
        StaticUsers users = StaticUsers.of(REALM, List.of(new StaticUser("alice", "wonderland")));
        assertThat(users.lookup("bob", NOW).status()).isEqualTo(UNKNOWN);
        assertThat(users.lookup("bob", NOW).keyCount()).isZero();
    }

    @Test
    void lookupReturnsThePrecomputedResultWithoutDerivingAgain() {
        StaticUsers users = StaticUsers.of(REALM, List.of(new StaticUser("alice", "wonderland")));
        assertThat(users.lookup("alice", NOW)).isSameAs(users.lookup("alice", NOW));
    }

    @Test
    void usersFileSkipsCommentsAndBlankLinesAndTrimsLines() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), """
                # relay users
                alice:wonderland

                  bob:build:er\s\s
                carol:c4r0l\r
                """);
        StaticUsers users = new StaticUsers(REALM, List.of(), file);
        assertThat(users.count()).isEqualTo(3);
        assertThat(users.lookup("alice", NOW).key(0)).isEqualTo(key("alice", "wonderland"));
        assertThat(users.lookup("bob", NOW).key(0)).isEqualTo(key("bob", "build:er"));
        assertThat(users.lookup("carol", NOW).key(0)).isEqualTo(key("carol", "c4r0l"));
        assertThat(users.lookup("# relay users", NOW).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void commandLineUserWinsOverAFileLineOfTheSameName() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:fromfile\nbob:builder\n");
        StaticUsers users = new StaticUsers(REALM, List.of(new StaticUser("alice", "fromflag")), file);
        assertThat(users.lookup("alice", NOW).key(0)).isEqualTo(key("alice", "fromflag"));
        assertThat(users.lookup("bob", NOW).status()).isEqualTo(VALID);
        assertThat(users.count()).isEqualTo(2);
    }

    @Test
    void malformedLineIsAnErrorNamingFileAndLineButNotItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:wonderland\nsecretpasswordwithoutname\n");
        assertThatThrownBy(() -> new StaticUsers(REALM, List.of(), file))
                .isInstanceOf(IOException.class)
                .hasMessage("users file " + file + " line 2: expected name:password with a non-empty name and password")
                .hasMessageNotContaining("secretpassword");
    }

    @Test
    void emptyPasswordIsAnError() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:\n");
        assertThatThrownBy(() -> new StaticUsers(REALM, List.of(), file)).hasMessageContaining("line 1");
    }

    @Test
    void duplicateNameInFileIsAnErrorNamingBothLines() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:one\n\nalice:two\n");
        assertThatThrownBy(() -> new StaticUsers(REALM, List.of(), file))
                .hasMessage("users file " + file + " line 3: user 'alice' is already defined on line 1");
    }

    @Test
    void fileThatIsNotUtf8IsAnError() throws IOException {
        Path file = Files.write(dir.resolve("users"), new byte[] {'a', ':', (byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> new StaticUsers(REALM, List.of(), file)).hasMessageContaining("not UTF-8");
    }

    @Test
    void missingFileAtStartIsAnError() {
        assertThatThrownBy(() -> new StaticUsers(REALM, List.of(), dir.resolve("absent"))).isInstanceOf(IOException.class);
    }

    @Test
    void refreshPicksUpChangesAndReportsWhetherAnythingChanged() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:one\n");
        StaticUsers users = new StaticUsers(REALM, List.of(), file);
        assertThat(users.refresh()).isFalse();

        Files.writeString(file, "alice:two\nbob:builder\n");
        assertThat(users.refresh()).isTrue();
        assertThat(users.lookup("alice", NOW).key(0)).isEqualTo(key("alice", "two"));
        assertThat(users.lookup("bob", NOW).status()).isEqualTo(VALID);

        Files.writeString(file, "bob:builder\n");
        assertThat(users.refresh()).isTrue();
        assertThat(users.lookup("alice", NOW).status()).isEqualTo(UNKNOWN);
    }

    @Test
    void brokenFileOnRefreshKeepsThePreviousUsers() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:one\n");
        StaticUsers users = new StaticUsers(REALM, List.of(), file);

        Files.writeString(file, "garbage\n");
        assertThatThrownBy(users::refresh).isInstanceOf(IOException.class);
        assertThat(users.lookup("alice", NOW).status()).isEqualTo(VALID);

        Files.delete(file);
        assertThatThrownBy(users::refresh).isInstanceOf(IOException.class);
        assertThat(users.lookup("alice", NOW).status()).isEqualTo(VALID);
    }

    @Test
    void summaryNamesTheFileAndCountsButShowsNoPassword() throws IOException {
        Path file = Files.writeString(dir.resolve("users"), "alice:wonderland\nbob:builder\n");
        StaticUsers users = new StaticUsers(REALM, List.of(new StaticUser("carol", "c4r0l")), file);
        assertThat(users.summary())
                .isEqualTo("users file " + file + ": 2 users, 3 in total with --user")
                .doesNotContain("wonderland", "builder", "c4r0l");
        assertThat(StaticUsers.of(REALM, List.of(new StaticUser("carol", "c4r0l"))).summary())
                .isEqualTo("static users: 1 from --user");
    }
}
