package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HelmChartTest {
  @Test
  void lintPasses() {
    LintResult lint = HelmChart.chart().lint().strict().call();
    assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
  }

  @Test
  void defaultValuesRenderTheOperatorItsAccountAndClusterWideRbac() throws IOException {
    List<JsonNode> objects = HelmChart.render(Map.of());
    assertThat(objects).extracting(o -> o.path("kind").asText()).contains(
        "ServiceAccount", "Deployment", "Service", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding");
    JsonNode deployment = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    JsonNode container = deployment.at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).startsWith("ghcr.io/turnfleet/turnfleet-operator:");
    assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(deployment.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(container.path("env").findValuesAsText("name")).contains(
        "TURNFLEET_WATCH_NAMESPACES", "TURNFLEET_RELAY_IMAGE", "TURNFLEET_CREDENTIALS_IMAGE", "TURNFLEET_LEADER_ELECTION", "TURNFLEET_LOG_LEVEL",
        "TURNFLEET_LOG_FORMAT");
    assertThat(objects).noneMatch(o -> o.path("kind").asText().equals("ServiceMonitor"));
  }

  @Test
  void helmInstallsTheTurnServerCrdFromTheChart() throws IOException {
    String crds = HelmChart.chart().show().crds().call();
    assertThat(crds).contains("kind: \"CustomResourceDefinition\"").contains("name: \"turnservers.turnfleet.io\"");
    assertThat(crds.strip()).isEqualTo(java.nio.file.Files.readString(RepositoryFiles.checkedInCrd()).strip());
  }

  @Test
  void watchedNamespacesGetRolesInsteadOfAClusterRoleForFleets() throws IOException {
    List<JsonNode> objects = HelmChart.render(Map.of("watchNamespaces[0]", "turn", "watchNamespaces[1]", "media"));
    assertThat(objects).filteredOn(o -> o.path("kind").asText().equals("Role"))
        .extracting(o -> o.at("/metadata/namespace").asText())
        .contains("turn", "media", HelmChart.RELEASE_NAMESPACE);
    assertThat(HelmChart.grantedPermissions(objects)).filteredOn(HelmChart.Permission::clusterScoped)
        .extracting(HelmChart.Permission::resource)
        // nodes to read addresses; the credential service's TokenReview binding is cluster-scoped by nature
        .containsOnly("nodes", "clusterrolebindings", "clusterroles", "tokenreviews");
    JsonNode deployment = objects.stream().filter(o -> o.path("kind").asText().equals("Deployment")).findFirst().orElseThrow();
    assertThat(deployment.at("/spec/template/spec/containers/0/env/0/value").asText()).isEqualTo("turn,media");
  }

  @Test
  void aServiceMonitorIsRenderedWhenEnabled() throws IOException {
    List<JsonNode> objects = HelmChart.render(Map.of("metrics.serviceMonitor.enabled", true));
    assertThat(objects).anySatisfy(o -> assertThat(o.path("kind").asText()).isEqualTo("ServiceMonitor"));
  }
}
