package io.turnfleet.relay.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortRangeTest {

    @Test
    void rangeIncludesBothEnds() {
        PortRange range = PortRange.parse("49152-65535");
        assertThat(range.min()).isEqualTo(49152);
        assertThat(range.max()).isEqualTo(65535);
        assertThat(range.size()).isEqualTo(16384);
        assertThat(range).hasToString("49152-65535");
    }

    @Test
    void malformedRangesAreRejected() {
        assertThatThrownBy(() -> PortRange.parse("-5")).hasMessageStartingWith("'-5': not two port numbers");
        assertThatThrownBy(() -> PortRange.parse("1-2-3")).hasMessageStartingWith("'1-2-3': not two port numbers");
        assertThatThrownBy(() -> PortRange.parse("1 - 2")).hasMessageStartingWith("'1 - 2': not two port numbers");
        assertThatThrownBy(() -> PortRange.parse("100000-2")).hasMessageStartingWith("'100000-2': not two port numbers");
        assertThatThrownBy(() -> PortRange.parse("1-65536")).hasMessageStartingWith("'1-65536': ports must be within 1-65535");
        assertThatThrownBy(() -> new PortRange(10, 9)).isInstanceOf(IllegalArgumentException.class);
    }
}
