package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.CrdSchema;
import io.turnfleet.operator.api.TurnServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example, applied as a user would (after the API server's defaulting), becomes a working fleet. */
class ExamplesIT {
  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static MockCluster cluster;
  private static CrdSchema crd;

  @BeforeAll
  static void start() throws Exception {
    cluster = new MockCluster();
    cluster.startOperator();
    crd = CrdSchema.load();
    cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("turn").endMetadata()
        .build()).create();
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(RepositoryFiles.root().resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleReconcilesIntoAFleetThatIsNotDegraded(Path example) throws Exception {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = CrdSchema.YAML.getFactory().createParser(example.toFile())) {
      CrdSchema.YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    String name = null;
    for (JsonNode doc : docs) {
      switch (doc.path("kind").asText()) {
        case "TurnServer" -> {
          TurnServer ts = JSON.convertValue(crd.withDefaults(doc), TurnServer.class);
          name = ts.getMetadata().getName();
          cluster.client().resource(ts).create();
        }
        case "Secret" -> cluster.client().resource(asApiServerStores(doc)).create();
        // play cert-manager: it issues the Certificate into its secretName
        case "Certificate" -> cluster.client().resource(new SecretBuilder()
            .withNewMetadata().withName(doc.at("/spec/secretName").asText())
              .withNamespace(doc.at("/metadata/namespace").asText()).endMetadata()
            .withType("kubernetes.io/tls")
            .withData(Map.of("tls.crt", base64("certificate"), "tls.key", base64("key")))
            .build()).create();
        default -> throw new AssertionError(example + ": unexpected kind " + doc.path("kind"));
      }
    }
    String tsName = name;
    TurnServer reconciled = await().atMost(Duration.ofSeconds(30)).until(
        () -> cluster.turnServer("turn", tsName),
        ts -> ts.getStatus() != null && Conditions.find(ts.getStatus().getConditions(), Conditions.STALLED).isPresent());
    assertThat(Conditions.find(reconciled.getStatus().getConditions(), Conditions.STALLED).orElseThrow().getStatus())
        .as(example + ": " + reconciled.getStatus().getConditions()).isEqualTo("False");
    assertThat(cluster.client().apps().deployments().inNamespace("turn").withName(tsName + "-relay").get()).isNotNull();
  }

  /** The API server turns stringData into base64 data; the mock keeps what it gets. */
  private static Secret asApiServerStores(JsonNode doc) {
    Secret secret = JSON.convertValue(doc, Secret.class);
    Map<String, String> data = new LinkedHashMap<>(secret.getData() == null ? Map.of() : secret.getData());
    if (secret.getStringData() != null) {
      secret.getStringData().forEach((k, v) -> data.put(k, base64(v)));
    }
    secret.setData(data);
    secret.setStringData(null);
    return secret;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

}
