package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.LogLevel;
import io.turnfleet.operator.api.QuotaSpec;
import io.turnfleet.operator.api.RelayPortRange;
import io.turnfleet.operator.api.StaticUsersSpec;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.TurnServer;
import java.io.IOException;
import java.util.ArrayList;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.util.List;
import org.junit.jupiter.api.Test;

class RelayConfigMapTest {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static JsonNode relayYaml(TurnServer ts) throws IOException {
    return relayYaml(ts, AddressFamilies.IPV4_ONLY);
  }

  private static JsonNode relayYaml(TurnServer ts, AddressFamilies families) throws IOException {
    ConfigMap configMap = RelayConfigMap.build(ts, families);
    assertThat(configMap.getData()).containsOnlyKeys("relay.yaml");
    return YAML.readTree(configMap.getData().get("relay.yaml"));
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    list.forEach(v -> values.add(v.asText()));
    return values;
  }

  @Test
  void defaultsListenOnUdpAndTcpAndReadTheGeneratedSecretAndTheFleetFile() throws IOException {
    JsonNode config = relayYaml(turnServer());
    assertThat(strings(config.path("listen"))).containsExactly("udp://0.0.0.0:3478", "tcp://0.0.0.0:3478");
    assertThat(config.path("realm").asText()).isEqualTo("example.com");
    assertThat(config.path("relay-ports").asText()).isEqualTo("49152-65535");
    assertThat(config.has("admin-listen")).as("on the command line: the node's own address").isFalse();
    assertThat(config.path("auth-secret-dir").asText()).isEqualTo("/etc/turnfleet/auth");
    assertThat(config.path("alternate-servers-file").asText()).isEqualTo("/etc/turnfleet/fleet/alternates");
    assertThat(config.path("fleet-addresses-file").asText()).as("every address of every relay node: own addresses")
        .isEqualTo("/etc/turnfleet/fleet/relay-addresses");
    assertThat(config.path("log-format").asText()).isEqualTo("json");
    assertThat(config.has("users-file")).isFalse();
    assertThat(config.has("tls-cert")).isFalse();
    assertThat(config.has("allow-peer")).isFalse();
  }

  @Test
  void eachListenerBindsTheWildcardOfEveryFamilyTheFleetServes() throws IOException {
    assertThat(strings(relayYaml(turnServer(), new AddressFamilies(true, true)).path("listen")))
        .containsExactly("udp://0.0.0.0:3478", "udp://[::]:3478", "tcp://0.0.0.0:3478", "tcp://[::]:3478");
    assertThat(strings(relayYaml(turnServer(), new AddressFamilies(false, true)).path("listen")))
        .as("an IPv6-only fleet").containsExactly("udp://[::]:3478", "tcp://[::]:3478");
  }

  @Test
  void eventLoopsFollowTheCpuLimitRoundedUp() throws IOException {
    TurnServer limited = turnServer(s -> s.setResources(new ResourceRequirementsBuilder()
        .addToLimits("cpu", new Quantity("1500m")).addToLimits("memory", new Quantity("1Gi")).build()));
    assertThat(relayYaml(limited).path("threads").asText()).isEqualTo("2");
    assertThat(relayYaml(turnServer()).has("threads")).as("no CPU limit: the relay uses the node's cores").isFalse();
  }

  @Test
  void theRelayDrainsForFiveSecondsLessThanTheGracePeriodSoItExitsBeforeSigkill() throws IOException {
    assertThat(relayYaml(turnServer(s -> s.setDrainGracePeriodSeconds(120))).path("drain-timeout").asText())
        .isEqualTo("115s");
  }

  @Test
  void everyFlagKeyIsOneTheRelayKnows() throws IOException {
    TurnServer ts = turnServer(s -> {
      s.setListeners(List.of(new Listener(ListenerProtocol.TLS, 5349)));
      s.setTls(new TlsSpec("media-tls"));
      s.getPeers().setAllow(List.of("10.0.0.0/8"));
      s.getPeers().setDeny(List.of("10.1.0.0/16"));
    });
    List<String> keys = new ArrayList<>();
    relayYaml(ts).fieldNames().forEachRemaining(keys::add);
    // the relay's flag names (contract.md), without the leading dashes
    assertThat(keys).isSubsetOf("listen", "realm", "user", "users-file", "auth-secret-dir", "allow-expired-refresh",
        "relay-ip", "external-ip", "external-ip-file", "alternate-servers-file", "fleet-addresses-file",
        "relay-ports", "allow-peer",
        "deny-peer", "allow-loopback-peers", "max-allocations", "user-quota", "max-bandwidth", "max-lifetime",
        "nonce-lifetime", "threads", "admin-listen", "tls-cert", "tls-key", "drain-timeout", "log-format",
        "log-level", "software");
  }

  @Test
  void relaysLimitAllocationsPerUserByDefault() throws IOException {
    assertThat(relayYaml(turnServer()).path("user-quota").asInt()).isEqualTo(QuotaSpec.DEFAULT_ALLOCATIONS_PER_USER)
        .isPositive();
  }

  @Test
  void specFieldsBecomeRelayFlags() throws IOException {
    TurnServer ts = turnServer(s -> {
      s.setRelayPorts(new RelayPortRange(40000, 40999));
      s.setAdminPort(9700);
      s.getPeers().setAllow(List.of("10.0.0.0/8"));
      s.getPeers().setDeny(List.of("10.1.0.0/16"));
      s.getQuotas().setMaxAllocationsPerRelay(500);
      s.getQuotas().setAllocationsPerUser(4);
      s.getQuotas().setBandwidthPerAllocation(250_000L);
      s.setLogLevel(LogLevel.DEBUG);
    });
    JsonNode config = relayYaml(ts);
    assertThat(config.path("relay-ports").asText()).isEqualTo("40000-40999");
    assertThat(strings(config.path("allow-peer"))).containsExactly("10.0.0.0/8");
    assertThat(strings(config.path("deny-peer"))).containsExactly("10.1.0.0/16");
    assertThat(config.path("max-allocations").asText()).isEqualTo("500");
    assertThat(config.path("user-quota").asText()).isEqualTo("4");
    assertThat(config.path("max-bandwidth").asText()).isEqualTo("250000");
    assertThat(config.path("log-level").asText()).isEqualTo("debug");
  }

  @Test
  void tlsListenersReadTheMountedCertificate() throws IOException {
    TurnServer ts = turnServer(s -> {
      s.setListeners(List.of(new Listener(ListenerProtocol.UDP, 3478), new Listener(ListenerProtocol.TLS, 5349)));
      s.setTls(new TlsSpec("media-tls"));
    });
    JsonNode config = relayYaml(ts);
    assertThat(strings(config.path("listen"))).containsExactly("udp://0.0.0.0:3478", "tls://0.0.0.0:5349");
    assertThat(config.path("tls-cert").asText()).isEqualTo("/etc/turnfleet/tls/tls.crt");
    assertThat(config.path("tls-key").asText()).isEqualTo("/etc/turnfleet/tls/tls.key");
  }

  @Test
  void staticUsersReadTheUsersFileInsteadOfSharedSecrets() throws IOException {
    JsonNode config = relayYaml(turnServer(s -> {
      s.getAuth().setMode(AuthMode.StaticUsers);
      s.getAuth().setStaticUsers(new StaticUsersSpec("people", "users"));
    }));
    assertThat(config.path("users-file").asText()).isEqualTo("/etc/turnfleet/users/users");
    assertThat(config.has("auth-secret-dir")).isFalse();
  }

  @Test
  void theConfigMapIsNamedLabelledAndOwned() {
    ConfigMap configMap = RelayConfigMap.build(turnServer(), AddressFamilies.IPV4_ONLY);
    assertThat(configMap.getMetadata().getName()).isEqualTo("media-relay-config");
    assertThat(configMap.getMetadata().getLabels()).containsEntry(FleetLabels.COMPONENT, RelayConfigMap.COMPONENT);
    assertThat(configMap.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(SampleFleets.UID));
  }

  @Test
  void equalSpecsGiveEqualFilesSoNothingRollsWithoutAChange() {
    assertThat(RelayConfigMap.build(turnServer(), AddressFamilies.IPV4_ONLY).getData())
        .isEqualTo(RelayConfigMap.build(turnServer(), AddressFamilies.IPV4_ONLY).getData());
  }
}
