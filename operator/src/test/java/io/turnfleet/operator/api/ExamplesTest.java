package io.turnfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.turnfleet.operator.RepositoryFiles;
import io.turnfleet.operator.reconcile.SpecCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExamplesTest {
  static Stream<Path> examples() throws IOException {
    try (Stream<Path> files = Files.list(RepositoryFiles.root().resolve("examples"))) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  static List<JsonNode> documents(Path file) throws IOException {
    List<JsonNode> docs = new ArrayList<>();
    try (var parser = CrdSchema.YAML.getFactory().createParser(file.toFile())) {
      CrdSchema.YAML.readValues(parser, JsonNode.class).forEachRemaining(docs::add);
    }
    return docs;
  }

  static List<JsonNode> turnServers(Path file) throws IOException {
    return documents(file).stream().filter(d -> "TurnServer".equals(d.path("kind").asText())).toList();
  }

  @Test
  void theIssueNamesEveryExample() throws IOException {
    assertThat(examples().map(p -> p.getFileName().toString())).contains(
        "basic.yaml", "tls.yaml", "static-users.yaml", "autoscaling.yaml", "restricted-peers.yaml");
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleIsValidAgainstTheCrdSchemaAndItsRules(Path example) throws IOException {
    CrdSchema crd = CrdSchema.load();
    List<JsonNode> turnServers = turnServers(example);
    assertThat(turnServers).as(example + " holds a TurnServer").isNotEmpty();
    for (JsonNode ts : turnServers) {
      JsonNode defaulted = crd.withDefaults(ts);
      assertThat(crd.schemaErrors(defaulted)).as(example.toString()).isEmpty();
      assertThat(crd.ruleViolations(defaulted)).as(example.toString()).isEmpty();
      TurnServer model = new KubernetesSerialization().convertValue(ts, TurnServer.class);
      assertThat(SpecCheck.check(model)).as(example.toString()).isEmpty();
    }
  }
}
