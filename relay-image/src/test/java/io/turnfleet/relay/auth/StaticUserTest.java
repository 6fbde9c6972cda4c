package io.turnfleet.relay.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaticUserTest {

    @Test
    void parseSplitsAtTheFirstColonSoPasswordsMayContainColons() {
        StaticUser user = StaticUser.parse("alice:pa:ss:word");
        assertThat(user.name()).isEqualTo("alice");
        assertThat(user.password()).isEqualTo("pa:ss:word");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(new StaticUser("alice", "wonderland").toString())
                .contains("alice")
                .doesNotContain("wonderland");
    }

    @Test
    void missingColonIsAnErrorThatDoesNotEchoTheValue() {
        assertThatThrownBy(() -> StaticUser.parse("alicewonderland"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'***': no ':' between name and password (expected NAME:PASSWORD)");
    }

    @Test
    void emptyNameOrPasswordIsAnErrorShowingOnlyTheName() {
        assertThatThrownBy(() -> StaticUser.parse("alice:"))
                .hasMessage("'alice:***': name and password must not be empty (expected NAME:PASSWORD)");
        assertThatThrownBy(() -> StaticUser.parse(":wonderland"))
                .hasMessageNotContaining("wonderland")
                .hasMessageStartingWith("':***'");
    }
}
