package io.turnfleet.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.turnfleet.operator.HelmChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DashboardsTest {
  @Test
  void eachDashboardIsAConfigMapLabelledForTheGrafanaSidecar() throws IOException {
    ChartMonitoring chart = ChartMonitoring.render();
    assertThat(chart.dashboards().keySet()).containsExactlyInAnyOrder("turnfleet-dashboard-fleet-overview",
        "turnfleet-dashboard-relay");
    assertThat(chart.objects()).filteredOn(o -> o.path("kind").asText().equals("ConfigMap"))
        .allSatisfy(o -> assertThat(o.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1"));
    assertThat(chart.dashboards().values()).extracting(d -> d.path("title").asText())
        .containsExactlyInAnyOrder("TurnFleet / Fleet overview", "TurnFleet / Relay");
  }

  @Test
  void theSidecarLabelAndNamespaceAreConfigurable() throws IOException {
    List<JsonNode> objects = HelmChart.render(Map.of("metrics.grafanaDashboards.enabled", true,
        "metrics.grafanaDashboards.label", "dashboards", "metrics.grafanaDashboards.labelValue", "turnfleet",
        "metrics.grafanaDashboards.namespace", "monitoring"));
    assertThat(objects).filteredOn(o -> o.path("kind").asText().equals("ConfigMap")).hasSize(2)
        .allSatisfy(o -> {
          assertThat(o.at("/metadata/labels/dashboards").asText()).isEqualTo("turnfleet");
          assertThat(o.at("/metadata/namespace").asText()).isEqualTo("monitoring");
        });
  }

  @Test
  void nothingForGrafanaOrThePrometheusOperatorIsRenderedByDefault() throws IOException {
    assertThat(HelmChart.render(Map.of())).extracting(o -> o.path("kind").asText())
        .doesNotContain("ConfigMap", "PrometheusRule", "PodMonitor", "ServiceMonitor");
  }

  @Test
  void everyPanelIsTemplatedByNamespaceAndTurnServer() throws IOException {
    for (JsonNode dashboard : ChartMonitoring.render().dashboards().values()) {
      List<String> variables = new ArrayList<>();
      dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
      assertThat(variables).as(dashboard.path("title").asText()).contains("datasource", "namespace", "turnserver");
      Set<Integer> ids = new HashSet<>();
      dashboard.path("panels").forEach(panel -> {
        assertThat(ids.add(panel.path("id").asInt())).as("unique panel id").isTrue();
        assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
        assertThat(panel.path("targets")).isNotEmpty();
        panel.path("targets").forEach(t -> assertThat(t.path("expr").asText())
            .as(panel.path("title").asText())
            .contains("namespace=~\"$namespace\"")
            .contains("turnserver=~\"$turnserver\""));
      });
    }
  }

  /**
   * Each panel query, with Grafana's variables replaced by values Grafana would use, parses as PromQL:
   * promtool checks them as recording rules.
   */
  @Test
  void everyQueryIsValidPromQl(@TempDir Path dir) throws Exception {
    List<Map<String, String>> rules = new ArrayList<>();
    for (String expression : ChartMonitoring.render().dashboardExpressions()) {
      String promQl = expression.replaceAll("^label_values\\((.*),\\s*\\w+\\)$", "$1")
          .replace("$__rate_interval", "2m").replace("$__interval", "1m").replaceAll("\\$\\w+", ".*");
      rules.add(Map.of("record", "turnfleet:dashboard_query:" + rules.size(), "expr", promQl));
    }
    new ObjectMapper(new YAMLFactory()).writeValue(dir.resolve("queries.yaml").toFile(),
        Map.of("groups", List.of(Map.of("name", "dashboard-queries", "rules", rules))));
    Promtool.Run run = Promtool.run(dir, "check", "rules", "queries.yaml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: " + rules.size() + " rules found");
  }

  @Test
  void relaysAreScrapedWithTheirTurnServerAsLabel() throws IOException {
    JsonNode podMonitor = ChartMonitoring.render().objects().stream()
        .filter(o -> o.path("kind").asText().equals("PodMonitor")).findFirst().orElseThrow();
    JsonNode endpoint = podMonitor.at("/spec/podMetricsEndpoints/0");
    assertThat(endpoint.path("port").asText()).isEqualTo("admin");
    assertThat(endpoint.path("relabelings").findValuesAsText("targetLabel")).containsExactly("job", "turnserver");
    assertThat(podMonitor.at("/spec/namespaceSelector/any").asBoolean()).isTrue();
    assertThat(podMonitor.at("/spec/selector/matchLabels/app.kubernetes.io~1component").asText()).isEqualTo("relay");
  }
}
