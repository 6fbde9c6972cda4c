package io.turnfleet.operator.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetRelay;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.RelayLoad;
import io.turnfleet.operator.fleet.TurnUris;
import io.turnfleet.operator.api.TurnUri;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ConfigMap {@code <name>-credentials-relays}, mounted in the credential service: key
 * {@code relays.json} lists every relay with its state, load and URIs,
 * <pre>{"relays":[{"name":"pod","ready":true,"draining":false,"load":0.25,"uris":["turn:..."]}]}</pre>
 * {@code load} is allocations per unit of capacity (allocations when capacity is unlimited), rounded
 * to two decimals so that small load changes do not rewrite the ConfigMap on every poll; null while
 * the relay has no fresh report. A separate ConfigMap from the relays' fleet file, so that load
 * changes never touch what relays mount.
 */
public final class CredentialsRelays {
  public static final String COMPONENT = "credentials-relays";
  public static final String KEY = "relays.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private CredentialsRelays() {}

  public static ConfigMap build(TurnServer ts, FleetSnapshot fleet, FleetLoad load) {
    ObjectNode root = JSON.createObjectNode();
    ArrayNode relays = root.putArray("relays");
    for (FleetRelay relay : fleet.relays()) {
      Optional<FleetLoad.RelayReading> reading = load.of(relay.pod().name());
      ObjectNode node = relays.addObject();
      node.put("name", relay.pod().name());
      node.put("ready", relay.serving());
      node.put("draining", reading.map(FleetLoad.RelayReading::draining).orElse(relay.pod().terminating()));
      Optional<Double> fraction = reading.flatMap(FleetLoad.RelayReading::current).map(CredentialsRelays::load);
      if (fraction.isPresent()) {
        node.put("load", fraction.get());
      } else {
        node.putNull("load");
      }
      ArrayNode uris = node.putArray("uris");
      TurnUris.of(new FleetSnapshot(List.of(relay)), ts.getSpec()).stream()
          .map(TurnUri::getUri).forEach(uris::add);
    }
    return new ConfigMapBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.credentialsRelaysConfigMapName(ts), COMPONENT))
        .withData(Map.of(KEY, root.toString()))
        .build();
  }

  static double load(RelayLoad load) {
    double value = load.capacity() > 0 ? (double) load.allocations() / load.capacity() : load.allocations();
    return Math.round(value * 100) / 100.0;
  }
}
