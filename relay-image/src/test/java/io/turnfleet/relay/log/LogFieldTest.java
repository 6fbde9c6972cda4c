package io.turnfleet.relay.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogFieldTest {

    @Test
    void fieldReadsAsKeyEqualsValue() {
        assertThat(LogField.field("relay.port", 49152)).hasToString("relay.port=49152");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1st", "two words", "a=b", "quote\"", "_x"})
    void keyThatWouldBreakTheLineIsRejected(String key) {
        assertThatThrownBy(() -> LogField.field(key, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("log field key '" + key + "' is not valid (expected a letter, then letters, digits, '_' or '.')");
    }

    @ParameterizedTest
    @ValueSource(strings = {"time", "level", "logger", "message", "thread", "error"})
    void keyUsedByEveryLineIsRejected(String key) {
        assertThatThrownBy(() -> LogField.field(key, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("log field key '" + key + "' is reserved");
    }
}
