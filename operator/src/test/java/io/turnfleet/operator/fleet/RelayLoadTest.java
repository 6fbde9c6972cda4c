package io.turnfleet.operator.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RelayLoadTest {
  /** The example document of contract.md. */
  private static final String CONTRACT_EXAMPLE = """
      {"allocations":12,"permissions":20,"channels":18,"capacity":0,
       "bytesPerSecond":{"clientToPeer":1200.0,"peerToClient":1100.0},
       "packetsPerSecond":{"clientToPeer":12.0,"peerToClient":11.0},
       "connections":{"udp":0,"tcp":3,"tls":1},
       "draining":false,"ready":true,"uptimeSeconds":3600}""";

  @Test
  void theContractsLoadReportReadsAsAllocationsBandwidthAndState() throws LoadReportException {
    RelayLoad load = RelayLoad.parse(CONTRACT_EXAMPLE);
    assertThat(load).isEqualTo(new RelayLoad(12, 0, 2300.0, false, true));
  }

  @Test
  void aDrainingRelaySaysSo() throws LoadReportException {
    RelayLoad load = RelayLoad.parse(CONTRACT_EXAMPLE.replace("\"draining\":false,\"ready\":true",
        "\"draining\":true,\"ready\":false"));
    assertThat(load.draining()).isTrue();
    assertThat(load.ready()).isFalse();
  }

  @Test
  void aMissingFieldIsNamed() {
    assertThatThrownBy(() -> RelayLoad.parse(CONTRACT_EXAMPLE.replace("\"allocations\":12,", "")))
        .isInstanceOf(LoadReportException.class)
        .hasMessage("load report field allocations is missing (expected a count)");
    assertThatThrownBy(() -> RelayLoad.parse(CONTRACT_EXAMPLE.replace("\"peerToClient\":1100.0", "\"x\":1")))
        .hasMessage("load report field bytesPerSecond.peerToClient is missing (expected a rate)");
  }

  @Test
  void wrongValuesAreNamed() {
    assertThatThrownBy(() -> RelayLoad.parse(CONTRACT_EXAMPLE.replace("\"allocations\":12", "\"allocations\":-1")))
        .hasMessage("load report field allocations is -1 (expected a count)");
    assertThatThrownBy(() -> RelayLoad.parse(CONTRACT_EXAMPLE.replace("\"draining\":false", "\"draining\":\"no\"")))
        .hasMessage("load report field draining is \"no\" (expected true or false)");
  }

  @Test
  void somethingThatIsNotAJsonObjectIsRefused() {
    assertThatThrownBy(() -> RelayLoad.parse("<html>")).hasMessage("load report is not JSON");
    assertThatThrownBy(() -> RelayLoad.parse("[1,2]")).hasMessage("load report is not a JSON object");
  }
}
