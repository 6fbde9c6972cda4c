package io.turnfleet.relay.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RelayVersionTest {

    @Test
    void versionIsTheFilteredProjectVersion() {
        assertThat(RelayVersion.current()).matches("\\d+\\.\\d+\\.\\d+(-[A-Za-z0-9.]+)?");
        assertThat(RelayVersion.versionLine()).isEqualTo("turnfleet-relay " + RelayVersion.current());
    }
}
