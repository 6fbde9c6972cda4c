package io.turnfleet.operator.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.turnfleet.operator.HelmChart;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The chart's PrometheusRule and Grafana dashboards, rendered by Helm with monitoring turned on. */
final class ChartMonitoring {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

  private final List<JsonNode> objects;

  private ChartMonitoring(List<JsonNode> objects) {
    this.objects = objects;
  }

  static ChartMonitoring render() throws IOException {
    return new ChartMonitoring(HelmChart.render(Map.of(
        "metrics.prometheusRule.enabled", true,
        "metrics.grafanaDashboards.enabled", true,
        "metrics.serviceMonitor.enabled", true,
        "metrics.podMonitor.enabled", true)));
  }

  List<JsonNode> objects() {
    return objects;
  }

  JsonNode prometheusRule() {
    return objects.stream().filter(o -> o.path("kind").asText().equals("PrometheusRule")).findFirst()
        .orElseThrow(() -> new AssertionError("no PrometheusRule rendered"));
  }

  /** Every rule of every group. */
  List<JsonNode> rules() {
    List<JsonNode> rules = new ArrayList<>();
    prometheusRule().at("/spec/groups").forEach(group -> group.path("rules").forEach(rules::add));
    return rules;
  }

  /** Writes {@code spec} of the PrometheusRule as a Prometheus rules file ({@code groups:}). */
  void writeRulesFile(Path file) throws IOException {
    YAML.writeValue(file.toFile(), prometheusRule().path("spec"));
  }

  /** Each dashboard ConfigMap's JSON, by ConfigMap name. */
  Map<String, JsonNode> dashboards() throws IOException {
    Map<String, JsonNode> dashboards = new java.util.TreeMap<>();
    for (JsonNode o : objects) {
      if (o.path("kind").asText().equals("ConfigMap")) {
        var fields = o.path("data").fields();
        while (fields.hasNext()) {
          dashboards.put(o.at("/metadata/name").asText(), JSON.readTree(fields.next().getValue().asText()));
        }
      }
    }
    return dashboards;
  }

  /** Every PromQL expression of the dashboards: panel targets and query variables. */
  List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (JsonNode dashboard : dashboards().values()) {
      dashboard.path("panels").forEach(p -> p.path("targets").forEach(t -> expressions.add(t.path("expr").asText())));
      dashboard.at("/templating/list").forEach(v -> {
        if (v.path("type").asText().equals("query")) {
          expressions.add(v.at("/query/query").asText());
        }
      });
    }
    return expressions;
  }

  List<String> ruleExpressions() {
    return rules().stream().map(r -> r.path("expr").asText()).toList();
  }
}
