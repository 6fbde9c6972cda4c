package io.turnfleet.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.turnfleet.credentials.it.CoturnUclient;
import io.turnfleet.credentials.it.RelayProcess;
import io.turnfleet.credentials.it.ServiceUnderTest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential service over HTTP on loopback, next to a real relay process that reads the same
 * secret directory: what it hands out relays with coturn's turnutils_uclient.
 */
class CredentialServiceIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String BEARER = "Bearer " + ServiceUnderTest.API_KEY;
  private static final String RELAYED = "turnfleet_relayed_packets_total{direction=\"client_to_peer\"}";

  @TempDir
  static Path work;
  private static RelayProcess relay;
  private static ServiceUnderTest service;

  @BeforeAll
  static void start() throws Exception {
    Path secrets = Files.createDirectories(work.resolve("secret"));
    Files.writeString(secrets.resolve("current"), "credentials-it-shared-secret\n");
    relay = RelayProcess.start(secrets, work);
    service = ServiceUnderTest.start(secrets, work, "{\"relays\":[]}", "--max-ttl", "1h", "--max-relays", "2",
        "--cors-origin", "https://app.example.com", "--rate", "1000", "--burst", "1000");
    assertThat(service.get("/ice-servers", "Authorization", BEARER).statusCode())
        .as("no relay serves yet").isEqualTo(503);
    service.publishFleet(fleet(relay.port()));
    await().atMost(Duration.ofSeconds(10)).until(() -> service.get("/ice-servers", "Authorization", BEARER)
        .statusCode() == 200);
  }

  /** The relay under test, a busier one, a draining one and one not ready yet. */
  private static String fleet(int port) {
    return "{\"relays\":["
        + "{\"name\":\"busy\",\"ready\":true,\"draining\":false,\"load\":0.8,"
        + "\"uris\":[\"turn:192.0.2.10:3478?transport=udp\"]},"
        + "{\"name\":\"draining\",\"ready\":true,\"draining\":true,\"load\":0.0,"
        + "\"uris\":[\"turn:192.0.2.11:3478?transport=udp\"]},"
        + "{\"name\":\"starting\",\"ready\":false,\"draining\":false,\"load\":null,"
        + "\"uris\":[\"turn:192.0.2.12:3478?transport=udp\"]},"
        + "{\"name\":\"local\",\"ready\":true,\"draining\":false,\"load\":0.1,"
        + "\"uris\":[\"turn:127.0.0.1:" + port + "?transport=udp\",\"turn:127.0.0.1:" + port + "?transport=tcp\"]}]}";
  }

  @AfterAll
  static void stop() throws Exception {
    if (service != null) {
      service.close();
    }
    if (relay != null) {
      relay.close();
    }
  }

  @Test
  void iceServersNameTheLeastLoadedServingRelaysFirstWithACappedCredential() throws Exception {
    HttpResponse<String> answer = service.get("/ice-servers?ttl=999999", "Authorization", BEARER);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.headers().firstValue("Cache-Control")).contains("no-store");
    JsonNode server = JSON.readTree(answer.body()).get("iceServers").get(0);
    assertThat(JSON.convertValue(server.get("urls"), String[].class)).containsExactly(
        "turn:127.0.0.1:" + relay.port() + "?transport=udp", "turn:127.0.0.1:" + relay.port() + "?transport=tcp",
        "turn:192.0.2.10:3478?transport=udp");
    long expiresAt = JSON.readTree(answer.body()).get("expiresAt").asLong();
    assertThat(expiresAt - Instant.now().getEpochSecond()).isBetween(3590L, 3600L);
    assertThat(server.get("username").asText()).isEqualTo(expiresAt + ":" + ServiceUnderTest.CALLER);
  }

  @Test
  void aCredentialFromTheIceServersAnswerRelaysThroughTheRelayOverUdpAndTcp() throws Exception {
    JsonNode server = JSON.readTree(service.get("/ice-servers", "Authorization", BEARER).body()).get("iceServers").get(0);
    double relayedBefore = relay.metric(RELAYED);

    for (boolean tcp : new boolean[] {false, true}) {
      CoturnUclient.Run run = CoturnUclient.clientToClient(relay.port(), server.get("username").asText(),
          server.get("credential").asText(), 20, tcp);
      assertThat(run.exitCode()).as(run.output()).isZero();
      assertThat(run.output()).as(run.output()).contains("Total lost packets 0 ");
    }
    assertThat(relay.metric(RELAYED) - relayedBefore).isGreaterThanOrEqualTo(80);
  }

  @Test
  void aCredentialFromTheTurnRestAnswerRelays() throws Exception {
    HttpResponse<String> answer = service.get("/?service=turn&username=alice&ttl=600&key=" + ServiceUnderTest.API_KEY);

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    JsonNode rest = JSON.readTree(answer.body());
    assertThat(rest.get("ttl").asLong()).isEqualTo(600);
    assertThat(rest.get("username").asText()).endsWith(":alice");
    assertThat(rest.get("uris").get(0).asText()).isEqualTo("turn:127.0.0.1:" + relay.port() + "?transport=udp");
    CoturnUclient.Run run = CoturnUclient.clientToClient(relay.port(), rest.get("username").asText(),
        rest.get("password").asText(), 20, false);
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void aCredentialSignedWithAnotherSecretIsRefusedByTheRelay() throws Exception {
    JsonNode server = JSON.readTree(service.get("/ice-servers", "Authorization", BEARER).body()).get("iceServers").get(0);

    CoturnUclient.Run run = CoturnUclient.clientToClient(relay.port(), server.get("username").asText(),
        "bm90LXRoZS1yaWdodC1wYXNzd29yZA==", 5, false);

    assertThat(run.exitCode()).as(run.output()).isNotZero();
  }

  @Test
  void callersWithoutAValidKeyAreDeniedAndCounted() throws Exception {
    assertThat(service.get("/ice-servers").statusCode()).isEqualTo(401);
    HttpResponse<String> wrong = service.get("/ice-servers", "Authorization", "Bearer not-a-key-of-this-service");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(wrong.body()).doesNotContain("not-a-key");
    assertThat(service.get("/?service=turn&username=alice&key=wrong-key-of-some-length").statusCode()).isEqualTo(401);

    String metrics = service.get("/metrics").body();
    assertThat(metrics).contains("turnfleet_credentials_denials_total{reason=\"unknown_credentials\"}")
        .contains("turnfleet_credentials_denials_total{reason=\"no_credentials\"}")
        .contains("turnfleet_credentials_requests_seconds_bucket")
        .doesNotContain(ServiceUnderTest.API_KEY);
  }

  @Test
  void badParametersAreRefusedWithTheirName() throws Exception {
    HttpResponse<String> answer = service.get("/?service=turn&ttl=600&key=" + ServiceUnderTest.API_KEY);

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("username is missing");
    assertThat(service.get("/ice-servers?ttl=soon", "Authorization", BEARER).body()).contains("'soon'");
  }

  @Test
  void browsersOfAnAllowedOriginPassThePreflightAndOthersAreRefused() throws Exception {
    HttpResponse<String> preflight = service.options("/ice-servers", "Origin", "https://app.example.com",
        "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers")).contains("Authorization");

    HttpResponse<String> allowed = service.get("/ice-servers", "Origin", "https://app.example.com",
        "Authorization", BEARER);
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).contains("https://app.example.com");

    assertThat(service.options("/ice-servers", "Origin", "https://evil.example.net",
        "Access-Control-Request-Method", "GET").statusCode()).isEqualTo(403);
    HttpResponse<String> refused = service.get("/ice-servers", "Origin", "https://evil.example.net",
        "Authorization", BEARER);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void healthAndReadinessAnswer() throws Exception {
    assertThat(service.get("/healthz").statusCode()).isEqualTo(200);
    assertThat(service.get("/readyz").statusCode()).isEqualTo(200);
    assertThat(service.get("/nothing-here").statusCode()).isEqualTo(404);
  }
}
