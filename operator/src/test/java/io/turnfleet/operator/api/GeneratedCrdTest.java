package io.turnfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.operator.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class GeneratedCrdTest {
  private static final String REGENERATE = "regenerate with: mvn -pl operator process-classes && "
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
}
