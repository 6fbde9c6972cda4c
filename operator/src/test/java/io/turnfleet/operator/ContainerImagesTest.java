package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.turnfleet.operator.reconcile.CredentialsDeployment;
import io.turnfleet.operator.reconcile.DefaultImages;
import io.turnfleet.operator.reconcile.RelayDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The images the build makes (Jib, see README "Install") are the images the chart installs and the
 * operator runs: names, tags, main classes and users agree. CI cannot pull base images, so it checks the
 * effective build configuration rather than built images.
 */
class ContainerImagesTest {
  private static final String JIB = "jib-maven-plugin";
  private static final BuildModel RELAY = BuildModel.of("relay-image");
  private static final BuildModel OPERATOR = BuildModel.of("operator");
  private static final BuildModel CREDENTIALS = BuildModel.of("credentials");

  private static String image(BuildModel module) {
    return module.setting(JIB, "to", "image");
  }

  private static JsonNode operatorDeployment() throws IOException {
    return HelmChart.render(Map.of()).stream().filter(o -> o.path("kind").asText().equals("Deployment"))
        .findFirst().orElseThrow();
  }

  @Test
  void theChartInstallsTheImagesTheBuildMakes() throws IOException {
    JsonNode container = operatorDeployment().at("/spec/template/spec/containers/0");
    assertThat(container.path("image").asText()).isEqualTo(image(OPERATOR));
    assertThat(container.path("env")).filteredOn(e -> e.path("name").asText().equals(OperatorSettings.RELAY_IMAGE))
        .singleElement().satisfies(e -> assertThat(e.path("value").asText()).isEqualTo(image(RELAY)));
    assertThat(container.path("env"))
        .filteredOn(e -> e.path("name").asText().equals(OperatorSettings.CREDENTIALS_IMAGE))
        .singleElement().satisfies(e -> assertThat(e.path("value").asText()).isEqualTo(image(CREDENTIALS)));
  }

  @Test
  void theOperatorsDefaultImagesAreTheImagesTheBuildMakes() {
    assertThat(OperatorSettings.DEFAULT_RELAY_IMAGE).isEqualTo(image(RELAY));
    assertThat(OperatorSettings.DEFAULT_CREDENTIALS_IMAGE).isEqualTo(image(CREDENTIALS));
    assertThat(OperatorSettings.fromEnvironment(Map.of()).defaultImages())
        .isEqualTo(new DefaultImages(image(RELAY), image(CREDENTIALS)));
  }

  @Test
  void imagesAreTaggedWithTheProjectVersionWhichIsTheChartsAppVersion() throws IOException {
    assertThat(image(RELAY)).isEqualTo("ghcr.io/turnfleet/turnfleet-relay:" + RELAY.version());
    assertThat(image(OPERATOR)).isEqualTo("ghcr.io/turnfleet/turnfleet-operator:" + OPERATOR.version());
    assertThat(image(CREDENTIALS)).isEqualTo("ghcr.io/turnfleet/turnfleet-credentials:" + CREDENTIALS.version());
    JsonNode chart = new ObjectMapper(new YAMLFactory())
        .readTree(RepositoryFiles.root().resolve("helm/turnfleet/Chart.yaml").toFile());
    assertThat(chart.path("appVersion").asText()).isEqualTo(OPERATOR.version());
  }

  @Test
  void eachImageRunsTheMainClassOfItsRunnableJar() throws IOException {
    assertThat(RELAY.setting(JIB, "container", "mainClass"))
        .isEqualTo(RELAY.jarMainClass())
        .isEqualTo("io.turnfleet.relay.RelayMain");
    try (JarFile jar = new JarFile(RepositoryFiles.relayJar().toFile())) {
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class"))
          .isEqualTo(RELAY.setting(JIB, "container", "mainClass"));
    }
    assertThat(OPERATOR.setting(JIB, "container", "mainClass"))
        .isEqualTo(OPERATOR.jarMainClass())
        .isEqualTo(OperatorMain.class.getName());
    assertThat(CREDENTIALS.setting(JIB, "container", "mainClass"))
        .isEqualTo(CREDENTIALS.jarMainClass())
        .isEqualTo("io.turnfleet.credentials.CredentialsMain");
  }

  @Test
  void theImagesKeepTheJvmFlagsOfTheirFormerDockerfilesAndTheRelayExitsOnOutOfMemory() {
    assertThat(RELAY.settings(JIB, "container", "jvmFlags")).containsExactly("-XX:+UseParallelGC",
        "-XX:+ExitOnOutOfMemoryError", "--enable-native-access=ALL-UNNAMED");
    assertThat(OPERATOR.settings(JIB, "container", "jvmFlags"))
        .containsExactly("-XX:MaxRAMPercentage=75", "-Djava.io.tmpdir=/tmp");
    assertThat(CREDENTIALS.settings(JIB, "container", "jvmFlags"))
        .containsExactly("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
  }

  @Test
  void everyImageRunsAsTheNonRootUserItsPodsRunAs() throws IOException {
    String relayUser = RelayDeployment.RELAY_UID + ":" + RelayDeployment.RELAY_UID;
    assertThat(RELAY.setting(JIB, "container", "user")).isEqualTo(relayUser);
    JsonNode pod = operatorDeployment().at("/spec/template/spec/securityContext");
    assertThat(OPERATOR.setting(JIB, "container", "user"))
        .isEqualTo(pod.path("runAsUser").asText() + ":" + pod.path("runAsGroup").asText())
        .isNotEqualTo("0:0");
    assertThat(pod.path("runAsNonRoot").asBoolean()).isTrue();
    String credentialsUser = CredentialsDeployment.UID + ":" + CredentialsDeployment.UID;
    assertThat(CREDENTIALS.setting(JIB, "container", "user")).isEqualTo(credentialsUser).isNotEqualTo("0:0");
  }

  @Test
  void jibIsBoundToNoPhaseSoVerifyNeedsNoRegistry() {
    assertThat(RELAY.plugin(JIB).getExecutions()).isEmpty();
    assertThat(OPERATOR.plugin(JIB).getExecutions()).isEmpty();
    assertThat(CREDENTIALS.plugin(JIB).getExecutions()).isEmpty();
  }

  @Test
  void jibIsTheOnlyRecipeOfEachImage() throws IOException {
    Path root = RepositoryFiles.root();
    for (Path dir : List.of(root, root.resolve("relay-image"), root.resolve("operator"),
        root.resolve("credentials"))) {
      try (Stream<Path> files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).as(dir.toString())
            .noneMatch(name -> name.equals("Dockerfile") || name.equals("Containerfile"));
      }
    }
  }
}
