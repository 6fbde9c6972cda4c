package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.turnfleet.operator.api.CertificateIssuer;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnUri;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** spec.dns on the mock API server: the Service external-dns publishes, URIs by name, the Certificate. */
class DnsOperatorIT {
  private static final String NS = "turn";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ResourceDefinitionContext CERTIFICATES = new ResourceDefinitionContext.Builder()
      .withGroup("cert-manager.io").withVersion("v1").withKind("Certificate").withPlural("certificates")
      .withNamespaced(true).build();

  private MockCluster cluster;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new MockCluster();
    client = cluster.client();
    cluster.startOperator();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  private void apply(Consumer<TurnServerSpec> edit) {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName("media");
    ts.getMetadata().setNamespace(NS);
    ts.setSpec(new TurnServerSpec());
    ts.getSpec().setRealm("example.com");
    ts.getSpec().getDns().setHostname("turn.example.com");
    edit.accept(ts.getSpec());
    client.resource(ts).create();
  }

  private Service dnsService() {
    return client.services().inNamespace(NS).withName("media-relay-dns").get();
  }

  @Test
  void aHostnameIsPublishedThroughAHeadlessServiceOfReadyRelaysAndNamesTheUris() {
    apply(spec -> spec.getCredentials().setEnabled(true));
    Service service = await().atMost(WAIT).until(this::dnsService, s -> s != null);

    assertThat(service.getMetadata().getAnnotations())
        .containsEntry("external-dns.alpha.kubernetes.io/hostname", "turn.example.com")
        .containsEntry("external-dns.alpha.kubernetes.io/endpoints-type", "NodeExternalIP")
        .containsEntry("external-dns.alpha.kubernetes.io/ttl", "60");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPublishNotReadyAddresses()).as("a draining relay leaves DNS").isFalse();
    assertThat(service.getSpec().getSelector()).containsEntry("app.kubernetes.io/component", "relay");
    assertThat(service.getSpec().getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort())
        .containsExactly("UDP/3478", "TCP/3478");

    cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));
    cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8"));
    cluster.runRelays(NS, "media-relay", true, "node-a", "node-b");
    await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.turnServer(NS, "media").getStatus().getUris())
        .extracting(TurnUri::getUri)
        .containsExactly("turn:turn.example.com:3478?transport=udp", "turn:turn.example.com:3478?transport=tcp"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(client.configMaps().inNamespace(NS)
        .withName("media-credentials-relays").get().getData().get("relays.json"))
        .contains("turn:turn.example.com:3478?transport=udp").doesNotContain("203.0.113.7"));
  }

  @Test
  void removingTheHostnameRemovesTheService() {
    apply(spec -> { });
    await().atMost(WAIT).until(() -> dnsService() != null);

    cluster.editSpec(NS, "media", spec -> spec.getDns().setHostname(null));

    await().atMost(WAIT).until(() -> dnsService() == null);
  }

  @Test
  void aCertificateIssuerGetsACertificateForTheNameThatFillsTheTlsSecret() {
    apply(spec -> {
      spec.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 5349)));
      spec.setTls(new TlsSpec("relay-tls"));
      spec.getDns().setCertificateIssuer(new CertificateIssuer("letsencrypt", "ClusterIssuer"));
    });

    GenericKubernetesResource certificate = await().atMost(WAIT).until(() -> client.genericKubernetesResources(
        CERTIFICATES).inNamespace(NS).withName("media-relay").get(), c -> c != null);
    assertThat(certificate.getAdditionalProperties().get("spec")).isEqualTo(Map.of(
        "secretName", "relay-tls",
        "dnsNames", List.of("turn.example.com"),
        "issuerRef", Map.of("name", "letsencrypt", "kind", "ClusterIssuer", "group", "cert-manager.io")));
    assertThat(certificate.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getKind()).isEqualTo("TurnServer"));
    // until cert-manager has issued it, the fleet waits for the Secret and says so
    await().atMost(WAIT).until(() -> Conditions.isTrue(
        cluster.turnServer(NS, "media").getStatus().getConditions(), Conditions.STALLED));
    assertThat(client.apps().deployments().inNamespace(NS).withName("media-relay").get()).isNull();

    client.resource(new SecretBuilder().withNewMetadata().withName("relay-tls").withNamespace(NS).endMetadata()
        .withType("kubernetes.io/tls").withData(Map.of("tls.crt", "Y2VydA==", "tls.key", "a2V5")).build()).create();

    await().atMost(Duration.ofSeconds(90)).until(
        () -> client.apps().deployments().inNamespace(NS).withName("media-relay").get() != null);
  }
}
