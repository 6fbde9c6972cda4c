package io.turnfleet.relay.config;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingTest {

    @Test
    void distanceCountsEditsAndTranspositions() {
        assertThat(Spelling.distance("realm", "realm")).isZero();
        assertThat(Spelling.distance("relay-port", "relay-ports")).isEqualTo(1);
        assertThat(Spelling.distance("raelm", "realm")).isEqualTo(1);
        assertThat(Spelling.distance("", "abc")).isEqualTo(3);
    }

    @Test
    void closestIsSuggestedOnlyForPlausibleTypos() {
        List<String> names = List.of("relay-ip", "relay-ports", "realm");
        assertThat(Spelling.closest("relay-port", names)).isEqualTo("relay-ports");
        assertThat(Spelling.closest("relm", names)).isEqualTo("realm");
        assertThat(Spelling.closest("log", names)).isNull();
        assertThat(Spelling.closest("xyzzy-frobnicate", names)).isNull();
    }
}
