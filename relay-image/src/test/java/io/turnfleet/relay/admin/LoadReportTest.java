package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    /** The example document of the relay/operator contract (notes/contract.md, "Admin HTTP"). */
    private static final String CONTRACT_EXAMPLE = "{\"allocations\":12,\"permissions\":20,\"channels\":18,\"capacity\":0,"
            + "\"bytesPerSecond\":{\"clientToPeer\":1200.0,\"peerToClient\":1100.0},"
            + "\"packetsPerSecond\":{\"clientToPeer\":12.0,\"peerToClient\":11.0},"
            + "\"connections\":{\"udp\":0,\"tcp\":3,\"tls\":1},"
            + "\"draining\":false,\"ready\":true,\"uptimeSeconds\":3600}";

    private final LoadReport report = new LoadReport(12, 20, 18, 0,
            new LoadReport.PerDirection(1200.0, 1100.0),
            new LoadReport.PerDirection(12.0, 11.0),
            new LoadReport.Connections(0, 3, 1),
            false, true, 3600);

    @Test
    void jsonIsTheContractDocument() {
        assertThat(new String(report.toJson(), StandardCharsets.UTF_8)).isEqualTo(CONTRACT_EXAMPLE);
    }

    @Test
    void jsonKeepsTheContractFieldOrder() throws IOException {
        JsonNode json = new ObjectMapper().readTree(report.toJson());
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("allocations", "permissions", "channels", "capacity", "bytesPerSecond",
                "packetsPerSecond", "connections", "draining", "ready", "uptimeSeconds");
    }

    @Test
    void fractionalRatesStayFractional() throws IOException {
        LoadReport slow = new LoadReport(1, 0, 0, 5,
                new LoadReport.PerDirection(0.5, 12.25),
                new LoadReport.PerDirection(0.1, 0.0),
                new LoadReport.Connections(0, 0, 0),
                true, false, 7);
        JsonNode json = new ObjectMapper().readTree(slow.toJson());
        assertThat(json.at("/bytesPerSecond/clientToPeer").doubleValue()).isEqualTo(0.5);
        assertThat(json.at("/bytesPerSecond/peerToClient").doubleValue()).isEqualTo(12.25);
        assertThat(json.at("/packetsPerSecond/clientToPeer").doubleValue()).isEqualTo(0.1);
        assertThat(json.get("draining").booleanValue()).isTrue();
        assertThat(json.get("ready").booleanValue()).isFalse();
    }
}
