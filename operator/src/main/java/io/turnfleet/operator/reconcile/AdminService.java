package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;

/**
 * Headless Service {@code <name>-relay-admin} over the relays' admin ports, for Prometheus and for
 * finding relays by DNS. Draining relays stay listed: their metrics matter most then.
 */
public final class AdminService {
  public static final String COMPONENT = "admin";
  public static final String PORT_NAME = "admin";

  private AdminService() {}

  public static Service build(TurnServer ts) {
    int port = ts.getSpec().getAdminPort();
    return new ServiceBuilder()
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.adminServiceName(ts), COMPONENT))
        .withNewSpec()
          .withClusterIP("None")
          .withPublishNotReadyAddresses(true)
          .withSelector(FleetLabels.relaySelector(ts))
          .addNewPort()
            .withName(PORT_NAME)
            .withPort(port)
            .withTargetPort(new IntOrString(port))
            .withProtocol("TCP")
          .endPort()
        .endSpec()
        .build();
  }
}
