package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class OperatorLoggingIT {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ObjectMapper json = new ObjectMapper();

  @AfterEach
  void restoreTestLogging() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void textIsTheDefaultAndEscapesLineBreaks() {
    configure(Map.of());

    LoggerFactory.getLogger("io.turnfleet.operator.reconcile.X").info("spec cannot work:\nfake line");
    LoggerFactory.getLogger("io.turnfleet.operator.reconcile.X").debug("not at info");

    assertThat(written()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  "
        + "io\\.turnfleet\\.operator\\.reconcile\\.X  spec cannot work:\\\\nfake line\n");
  }

  @Test
  void jsonLinesCarryLevelLoggerMessageAndMdc() throws Exception {
    configure(Map.of(LogSetup.LOG_FORMAT, "json", LogSetup.LOG_LEVEL, "debug"));
    org.slf4j.MDC.put("resource.name", "media");
    try {
      LoggerFactory.getLogger("io.turnfleet.operator.X").debug("scaled {} to {}", 2, 3);
    } finally {
      org.slf4j.MDC.clear();
    }

    JsonNode line = json.readTree(written());
    assertThat(line.get("level").asText()).isEqualTo("DEBUG");
    assertThat(line.get("loggerName").asText()).isEqualTo("io.turnfleet.operator.X");
    assertThat(line.get("formattedMessage").asText()).isEqualTo("scaled 2 to 3");
    assertThat(line.at("/mdc/resource.name").asText()).isEqualTo("media");
  }

  @Test
  void badValuesAreRefusedNamingTheVariable() {
    assertThatThrownBy(() -> configure(Map.of(LogSetup.LOG_FORMAT, "xml")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("TURNFLEET_LOG_FORMAT 'xml': expected text or json");
    assertThatThrownBy(() -> configure(Map.of(LogSetup.LOG_LEVEL, "loud")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TURNFLEET_LOG_LEVEL 'loud': expected error, warn, info, debug or trace");
  }

  /** The real operator against the mock API server: what it logs about a TurnServer names it. */
  @Test
  void everyLineLoggedWhileReconcilingCarriesTheTurnServersNamespaceAndName() throws Exception {
    configure(Map.of(LogSetup.LOG_FORMAT, "json"));
    try (MockCluster cluster = new MockCluster()) {
      cluster.startOperator();
      TurnServer ts = new TurnServer();
      ts.getMetadata().setName("media");
      ts.getMetadata().setNamespace("turn");
      TurnServerSpec spec = new TurnServerSpec();
      spec.setRealm("example.com");
      spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 5349)));
      spec.setTls(new TlsSpec("media-tls"));
      ts.setSpec(spec);
      cluster.client().resources(TurnServer.class).resource(ts).create();

      await().atMost(Duration.ofSeconds(30)).until(() -> written().contains("spec cannot work"));
    }
    List<JsonNode> reconcileLines = new ArrayList<>();
    for (String line : written().split("\n")) {
      JsonNode node = json.readTree(line);
      if (node.get("loggerName").asText().startsWith("io.turnfleet.operator.reconcile")) {
        reconcileLines.add(node);
      }
    }
    assertThat(reconcileLines).isNotEmpty().allSatisfy(line -> {
      assertThat(line.at("/mdc/resource.namespace").asText()).as(line.toString()).isEqualTo("turn");
      assertThat(line.at("/mdc/resource.name").asText()).as(line.toString()).isEqualTo("media");
    });
  }

  private void configure(Map<String, String> env) {
    OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
    appender.setOutputStream(out);
    LogSetup.configure(env, appender);
  }

  private String written() {
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }
}
