package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.fleet.AddressFamilies;
import io.turnfleet.operator.fleet.FleetSnapshot;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** TurnServers, relay pods and nodes as the builders' unit tests need them; no API server involved. */
final class SampleFleets {
  static final String NAMESPACE = "turn";
  static final String UID = "0d6e2a8c-5a47-4f57-9a43-6f1b2c3d4e5f";

  private SampleFleets() {}

  /** TurnServer {@code media} in namespace {@code turn} with realm example.com, edited by {@code spec}. */
  static TurnServer turnServer(Consumer<TurnServerSpec> spec) {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName("media");
    ts.getMetadata().setNamespace(NAMESPACE);
    ts.getMetadata().setUid(UID);
    ts.getMetadata().setGeneration(3L);
    TurnServerSpec s = new TurnServerSpec();
    s.setRealm("example.com");
    spec.accept(s);
    ts.setSpec(s);
    return ts;
  }

  static TurnServer turnServer() {
    return turnServer(s -> {});
  }

  /** A running relay pod of fleet {@code media} on {@code node}, serving both address families. */
  static Pod relayPod(String name, String node, boolean ready) {
    return relayPod(name, node, ready, new AddressFamilies(true, true));
  }

  static Pod relayPod(String name, String node, boolean ready, AddressFamilies families) {
    return new PodBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(NAMESPACE)
          .withLabels(Map.of(FleetLabels.INSTANCE, "media", FleetLabels.COMPONENT, FleetLabels.RELAY))
          .withAnnotations(Map.of(AddressFamilies.ANNOTATION, families.annotation()))
        .endMetadata()
        .withNewSpec().withNodeName(node).endSpec()
        .withNewStatus()
          .withPhase("Running")
          .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
        .endStatus()
        .build();
  }

  static Node node(String name, String... externalIps) {
    NodeBuilder node = new NodeBuilder().withNewMetadata().withName(name).endMetadata();
    var status = node.withNewStatus();
    for (String ip : externalIps) {
      status.addNewAddress().withType("ExternalIP").withAddress(ip).endAddress();
    }
    return status.endStatus().build();
  }

  /** The fleet made of {@code pods}, addresses from {@code nodes} (ExternalIP). */
  static FleetSnapshot fleet(TurnServer ts, List<Pod> pods, List<Node> nodes) {
    return FleetSnapshot.observe(pods,
        name -> nodes.stream().filter(n -> n.getMetadata().getName().equals(name)).findFirst().orElse(null),
        ts.getSpec().getAdvertisedAddress());
  }
}
