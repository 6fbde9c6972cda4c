package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.turnfleet.operator.api.CertificateIssuer;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.api.TurnServerSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * cert-manager Certificate {@code <name>-relay} for {@code spec.dns.hostname}, written to the TLS
 * listeners' Secret ({@code spec.tls.secretName}); the relays reload it when cert-manager renews it.
 * Applied with plain client calls, not an informer: an informer on a CRD that is not installed would
 * stop the operator, while a fleet that asks for no certificate never touches the API. Owned by the
 * TurnServer, so it goes with it.
 */
final class RelayCertificate {
  static final ResourceDefinitionContext CERTIFICATES = new ResourceDefinitionContext.Builder()
      .withGroup("cert-manager.io").withVersion("v1").withKind("Certificate").withPlural("certificates")
      .withNamespaced(true).build();
  private static final Logger log = LoggerFactory.getLogger(RelayCertificate.class);

  private RelayCertificate() {}

  static boolean wanted(TurnServerSpec spec) {
    return spec.getDns().published() && spec.getDns().getCertificateIssuer() != null && TlsListeners.present(spec);
  }

  static GenericKubernetesResource build(TurnServer ts) {
    CertificateIssuer issuer = ts.getSpec().getDns().getCertificateIssuer();
    return new GenericKubernetesResourceBuilder()
        .withApiVersion("cert-manager.io/v1")
        .withKind("Certificate")
        .withMetadata(FleetLabels.ownedMetadata(ts, TurnServerNames.certificateName(ts), FleetLabels.RELAY))
        .addToAdditionalProperties("spec", Map.of(
            "secretName", ts.getSpec().getTls().getSecretName(),
            "dnsNames", List.of(ts.getSpec().getDns().getHostname()),
            "issuerRef", Map.of("name", issuer.getName(), "kind", issuer.getKind(), "group", "cert-manager.io")))
        .build();
  }

  static void reconcile(KubernetesClient client, TurnServer ts) {
    if (!wanted(ts.getSpec())) {
      return;
    }
    GenericKubernetesResource desired = build(ts);
    var existing = client.genericKubernetesResources(CERTIFICATES).inNamespace(ts.getMetadata().getNamespace())
        .withName(TurnServerNames.certificateName(ts));
    try {
      GenericKubernetesResource live = existing.get();
      if (live == null) {
        client.genericKubernetesResources(CERTIFICATES).inNamespace(ts.getMetadata().getNamespace())
            .resource(desired).create();
        log.info("created Certificate {} for {}", TurnServerNames.certificateName(ts), ts.getSpec().getDns().getHostname());
      } else if (!Objects.equals(live.getAdditionalProperties().get("spec"), desired.getAdditionalProperties().get("spec"))
          || !Objects.equals(live.getMetadata().getLabels(), desired.getMetadata().getLabels())) {
        desired.getMetadata().setResourceVersion(live.getMetadata().getResourceVersion());
        client.genericKubernetesResources(CERTIFICATES).inNamespace(ts.getMetadata().getNamespace())
            .resource(desired).update();
        log.info("updated Certificate {}", TurnServerNames.certificateName(ts));
      }
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        // the CRD is missing: cert-manager is not installed; the Secret must then come from elsewhere
        log.warn("cannot apply Certificate {}: cert-manager's Certificate kind is not installed",
            TurnServerNames.certificateName(ts));
        return;
      }
      throw e;
    }
  }
}
