package io.turnfleet.operator.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.turnfleet.operator.RepositoryFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's PrometheusRule, rendered by Helm, checked by {@code promtool check rules} and unit
 * tested by {@code promtool test rules} with {@code src/test/resources/alerts/turnfleet-alerts-test.yaml}.
 * The files promtool reads are left in {@code target/promtool} to re-run it by hand.
 */
class AlertRulesTest {
  private static final String RULES_FILE = "turnfleet-rules.yaml";
  private static final String TESTS_FILE = "turnfleet-alerts-test.yaml";
  private static final Path WORK = Path.of("target/promtool");
  private static ChartMonitoring chart;

  @BeforeAll
  static void renderRules() throws IOException {
    chart = ChartMonitoring.render();
    Files.createDirectories(WORK);
    chart.writeRulesFile(WORK.resolve(RULES_FILE));
    try (InputStream tests = AlertRulesTest.class.getResourceAsStream("/alerts/" + TESTS_FILE)) {
      Files.copy(tests, WORK.resolve(TESTS_FILE), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void promtoolAcceptsTheRules() throws Exception {
    Promtool.Run run = Promtool.run(WORK, "check", "rules", RULES_FILE);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS: " + chart.rules().size() + " rules found");
  }

  @Test
  void promtoolUnitTestsOfEveryAlertPass() throws Exception {
    Promtool.Run run = Promtool.run(WORK, "test", "rules", TESTS_FILE);
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertIsTestedFiringAndNotFiring() throws IOException {
    JsonNode tests = new ObjectMapper(new YAMLFactory()).readTree(WORK.resolve(TESTS_FILE).toFile());
    Set<String> firing = new HashSet<>();
    Set<String> quiet = new HashSet<>();
    tests.path("tests").forEach(t -> t.path("alert_rule_test").forEach(a ->
        (a.path("exp_alerts").isEmpty() ? quiet : firing).add(a.path("alertname").asText())));
    List<String> alerts = alertNames();
    assertThat(firing).as("alerts tested firing").containsAll(alerts);
    assertThat(quiet).as("alerts tested not firing").containsAll(alerts);
  }

  @Test
  void everyAlertLinksToItsRunbookSectionInTheReadme() throws IOException {
    String readme = Files.readString(RepositoryFiles.root().resolve("README.md"));
    for (JsonNode rule : chart.rules()) {
      String alert = rule.path("alert").asText();
      assertThat(rule.at("/annotations/runbook_url").asText())
          .isEqualTo("https://github.com/turnfleet/turnfleet/blob/main/README.md#" + alert.toLowerCase(Locale.ROOT));
      assertThat(readme).as("README runbook section for " + alert).contains("\n#### " + alert + "\n");
      assertThat(rule.at("/labels/severity").asText()).isIn("warning", "critical");
      assertThat(rule.at("/annotations/summary").asText()).isNotBlank();
    }
  }

  private static List<String> alertNames() {
    return chart.rules().stream().map(r -> r.path("alert").asText()).toList();
  }
}
