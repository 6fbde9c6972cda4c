package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Headless Service {@code <name>-relay-dns} of the relay pods for external-dns: for host-network pods
 * it publishes the external addresses of the nodes behind the Service's ready endpoints
 * ({@code endpoints-type: NodeExternalIP}, external-dns 0.13.5 and later). A draining relay is not
 * ready, so it drops out of the endpoints and then out of DNS; the short TTL bounds how long
 * resolvers keep it.
 */
public final class RelayDnsService {
  public static final String COMPONENT = "dns";
  public static final String HOSTNAME_ANNOTATION = "external-dns.alpha.kubernetes.io/hostname";
  public static final String ENDPOINTS_TYPE_ANNOTATION = "external-dns.alpha.kubernetes.io/endpoints-type";
  public static final String TTL_ANNOTATION = "external-dns.alpha.kubernetes.io/ttl";
  static final String TTL_SECONDS = "60";

  private RelayDnsService() {}

  public static Service build(TurnServer ts) {
    ObjectMeta metadata = FleetLabels.ownedMetadata(ts, TurnServerNames.dnsServiceName(ts), COMPONENT);
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(HOSTNAME_ANNOTATION, ts.getSpec().getDns().getHostname());
    annotations.put(ENDPOINTS_TYPE_ANNOTATION, "NodeExternalIP");
    annotations.put(TTL_ANNOTATION, TTL_SECONDS);
    metadata.setAnnotations(annotations);
    return new ServiceBuilder()
        .withMetadata(metadata)
        .withNewSpec()
          .withClusterIP("None")
          .withPublishNotReadyAddresses(false)
          .withSelector(FleetLabels.relaySelector(ts))
          .withPorts(ports(ts.getSpec().getListeners()))
        .endSpec()
        .build();
  }

  private static List<ServicePort> ports(List<Listener> listeners) {
    return listeners.stream()
        .map(l -> new ServicePortBuilder()
            .withName(l.getProtocol().name().toLowerCase(Locale.ROOT) + "-" + l.getPort())
            .withProtocol(l.getProtocol() == ListenerProtocol.UDP ? "UDP" : "TCP")
            .withPort(l.getPort())
            .build())
        .toList();
  }
}
