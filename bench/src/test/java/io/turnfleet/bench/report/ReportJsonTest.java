package io.turnfleet.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportJsonTest {
    @Test
    void reportIsOneLineOfJsonWithTheFiguresAtStablePaths() throws Exception {
        String line = ReportJson.line(SampleReports.traffic());

        assertThat(line).doesNotContain("\n");
        JsonNode json = new ObjectMapper().readTree(line);
        assertThat(json.path("label").asText()).isEqualTo("coturn");
        assertThat(json.path("scenario").asText()).isEqualTo("S1");
        assertThat(json.path("established").asInt()).isEqualTo(100);
        assertThat(json.path("peer").asText()).isEqualTo("echo");
        assertThat(json.at("/allocate/perSecond").asDouble()).isEqualTo(400.0);
        assertThat(json.at("/allocate/serverCpuSeconds").asDouble()).isEqualTo(0.05);
        assertThat(json.at("/allocate/serverCpuMicrosPerOperation").asDouble()).isEqualTo(500.0);
        assertThat(json.at("/refreshZero/perSecond").asDouble()).isEqualTo(2500.0);
        assertThat(json.at("/refreshZero").has("serverCpuMicrosPerOperation"))
                .as("no CPU figure where the server's CPU was not sampled").isFalse();
        assertThat(json.at("/traffic/relayedPackets").asLong()).isEqualTo(1_999_000);
        assertThat(json.at("/traffic/relayedPacketsPerSecond").asDouble()).isEqualTo(199_900.0);
        assertThat(json.at("/traffic/lossRatio").asDouble()).isEqualTo(1e-5);
        assertThat(json.at("/traffic/rttMicros/p99").asDouble()).isEqualTo(480.1);
        assertThat(json.at("/traffic/rttMicros/p999").asDouble()).isEqualTo(900.9);
        assertThat(json.at("/serverCpu/cpuSeconds").asDouble()).isEqualTo(7.996);
        assertThat(json.at("/serverCpu/secondsPerMillionPackets").asDouble()).isEqualTo(4.0);
    }

    @Test
    void missingPartsAreNull() throws Exception {
        RunReport full = SampleReports.traffic();
        RunReport allocateOnly = new RunReport("", "", full.startedAt(), full.server(), "nio", "allocate", "echo", 10, 100, 0,
                8, 0, 1, full.allocate(), null, full.refreshZero(), null, null, null, 0, 0);

        JsonNode json = new ObjectMapper().readTree(ReportJson.line(allocateOnly));

        assertThat(json.get("channelBind").isNull()).isTrue();
        assertThat(json.get("traffic").isNull()).isTrue();
        assertThat(json.get("serverCpu").isNull()).isTrue();
    }
}
