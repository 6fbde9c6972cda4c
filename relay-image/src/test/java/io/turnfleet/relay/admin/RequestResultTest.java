package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestResultTest {

    @Test
    void zeroIsSuccess() {
        assertThat(RequestResult.label(RequestResult.index(0))).isEqualTo("success");
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 400, 401, 403, 420, 437, 438, 440, 441, 442, 443, 446, 447, 486, 500, 508})
    void knownErrorCodeHasItsOwnLabel(int code) {
        assertThat(RequestResult.label(RequestResult.index(code))).isEqualTo(Integer.toString(code));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 299, 402, 499, 599, 699, 700, 100_000})
    void unexpectedCodeCountsAsOther(int code) {
        assertThat(RequestResult.label(RequestResult.index(code))).isEqualTo("other");
    }

    @Test
    void everyIndexHasADistinctLabel() {
        java.util.Set<String> labels = new java.util.HashSet<>();
        for (int i = 0; i < RequestResult.COUNT; i++) {
            labels.add(RequestResult.label(i));
        }
        assertThat(labels).hasSize(RequestResult.COUNT).contains("success", "other", "401", "508");
    }
}
