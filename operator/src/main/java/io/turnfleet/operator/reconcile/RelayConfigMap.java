package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.util.Map;

/** ConfigMap {@code <name>-relay-config}: the relay's configuration file. */
public final class RelayConfigMap {
  public static final String COMPONENT = "relay-config";

  private RelayConfigMap() {}

  public static ConfigMap build(TurnServer ts, AddressFamilies families) {
    return new ConfigMapBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.relayConfigMapName(ts), COMPONENT))
        .withData(Map.of(RelayFiles.CONFIG_KEY, RelayConfigFile.yaml(ts.getSpec(), families)))
        .build();
  }
}
