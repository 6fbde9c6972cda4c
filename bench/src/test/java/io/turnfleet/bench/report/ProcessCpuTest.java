package io.turnfleet.bench.report;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessCpuTest {
    @Test
    void utimePlusStimeAreFieldsFourteenAndFifteen() {
        String stat = "18581 (turnserver) S 1 18581 18581 0 -1 4194560 1200 0 0 0 150 36 0 0 20 0 3 0 12345 0 0";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(186);
    }

    @Test
    void commandNamesWithSpacesAndParenthesesAreSkipped() {
        String stat = "42 (a (b) c) R 1 42 42 0 -1 0 0 0 0 0 7 5 0 0 20 0 1 0 1 0 0";

        assertThat(ProcessCpu.ticks(stat)).isEqualTo(12);
    }

    @Test
    void truncatedLineIsRejectedWithTheFieldCount() {
        assertThatThrownBy(() -> ProcessCpu.ticks("1 (x) S 1 2 3")).hasMessageContaining("(expected at least 15)");
    }

    @Test
    void ownProcessCanBeRead() throws IOException {
        assertThat(ProcessCpu.ticks(0)).isNotNegative();
    }

    @Test
    void cpuUsageOverAWindow() {
        CpuUsage usage = CpuUsage.between(7, 100, 350, 100, 5.0);

        assertThat(usage.cpuSeconds()).isEqualTo(2.5);
        assertThat(usage.utilization()).isEqualTo(0.5);
        assertThat(usage.perMillionPackets(500_000)).isEqualTo(5.0);
        assertThat(usage.perMillionPackets(0)).isZero();
    }
}
