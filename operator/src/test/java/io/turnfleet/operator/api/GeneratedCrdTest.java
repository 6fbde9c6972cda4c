package io.turnfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnfleet.operator.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedCrdTest {
  private static final String REGENERATE = "regenerate with: mvn -pl operator process-test-classes && "
      + "cp operator/target/classes/META-INF/fabric8/turnservers.turnfleet.io-v1.yml crds/ && "
      + "cp crds/turnservers.turnfleet.io-v1.yml helm/turnfleet/crds/";

  @Test
  void checkedInCrdEqualsTheOneGeneratedFromTheJavaModel() throws IOException {
    assertThat(Files.readString(RepositoryFiles.checkedInCrd()))
        .as("crds/turnservers.turnfleet.io-v1.yml is stale; " + REGENERATE)
        .isEqualTo(Files.readString(RepositoryFiles.generatedCrd()));
  }

  @Test
  void chartCrdEqualsTheCheckedInCrd() throws IOException {
    assertThat(Files.readString(RepositoryFiles.chartCrd()))
        .as("helm/turnfleet/crds/ differs from crds/; " + REGENERATE)
        .isEqualTo(Files.readString(RepositoryFiles.checkedInCrd()));
  }

  @Test
  void kubectlGetShowsItsColumnsInTheOrderTheyAreDeclared() throws IOException {
    JsonNode crd = CrdSchema.YAML.readTree(RepositoryFiles.checkedInCrd().toFile());
    List<String> columns = new ArrayList<>();
    crd.at("/spec/versions/0/additionalPrinterColumns").forEach(c -> columns.add(c.path("name").asText()));
    assertThat(columns).containsExactly("Ready", "Reconciling", "Stalled", "Relays", "Load", "URIs", "Scaling",
        "Last Scale", "Age");
    assertThat(TurnServerCrd.declaredPrinterColumns()).containsExactlyElementsOf(columns);
  }
}
