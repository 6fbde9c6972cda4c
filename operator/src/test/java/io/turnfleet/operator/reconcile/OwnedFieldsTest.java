package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnedFieldsTest {
  private static Service desired() {
    return DesiredHash.stamp(AdminService.build(turnServer()));
  }

  /** The Service as a kube-apiserver 1.26 stores it: defaults filled in, server metadata added. */
  private static Service asStored(Service desired) {
    return new ServiceBuilder(desired)
        .editMetadata().withUid("u-1").withResourceVersion("812").withCreationTimestamp("2025-03-01T12:00:00Z")
          .addToAnnotations("javaoperatorsdk.io/previous", "x").endMetadata()
        .editSpec().withSessionAffinity("None").withType("ClusterIP").withClusterIPs("None")
          .withIpFamilies("IPv4").withIpFamilyPolicy("SingleStack").withInternalTrafficPolicy("Cluster").endSpec()
        .withNewStatus().withNewLoadBalancer().endLoadBalancer().endStatus()
        .build();
  }

  @Test
  void fieldsTheApiServerDefaultedAreNoDrift() {
    Service desired = desired();
    assertThat(OwnedFields.match(desired, asStored(desired))).isTrue();
  }

  @Test
  void aChangedOrMissingOwnedFieldIsDrift() {
    Service desired = desired();
    Service otherPort = new ServiceBuilder(asStored(desired)).editSpec()
        .withPorts(new ServicePortBuilder(desired.getSpec().getPorts().get(0)).withPort(9999).build()).endSpec().build();
    assertThat(OwnedFields.match(desired, otherPort)).isFalse();
    Service noSelector = new ServiceBuilder(asStored(desired)).editSpec().withSelector(Map.of()).endSpec().build();
    assertThat(OwnedFields.match(desired, noSelector)).isFalse();
    Service extraPort = new ServiceBuilder(asStored(desired)).editSpec()
        .addNewPort().withName("extra").withPort(1).endPort().endSpec().build();
    assertThat(OwnedFields.match(desired, extraPort)).as("a list has the desired length").isFalse();
  }

  @Test
  void aStaleAnnotationOfTheOperatorIsDriftAndTheUpdateRemovesItButKeepsOthers() {
    Secret desired = new SecretBuilder().withNewMetadata().withName("media-auth")
          .addToAnnotations("turnfleet.io/current-since", "2025-03-01T12:00:00Z").endMetadata()
        .withData(Map.of("current", "YQ==")).build();
    Secret live = new SecretBuilder(desired).editMetadata()
        .addToAnnotations("turnfleet.io/next-since", "2025-03-01T11:58:00Z")
        .addToAnnotations("example.com/owner", "team-a").endMetadata().build();
    assertThat(OwnedFields.match(desired, live)).isFalse();

    OwnedFields.dropStaleAnnotations(live, desired);
    assertThat(live.getMetadata().getAnnotations()).containsOnlyKeys("turnfleet.io/current-since", "example.com/owner");
    assertThat(OwnedFields.match(desired, live)).isTrue();
  }

  @Test
  void zeroValuesTheApiServerDropsEqualMissingFields() {
    Service desired = new ServiceBuilder(desired()).editSpec().withExternalIPs(List.of()).withExternalName("")
        .withAllocateLoadBalancerNodePorts(false).withHealthCheckNodePort(0).endSpec().build();
    Service stored = asStored(desired());
    assertThat(OwnedFields.match(desired, stored)).isTrue();
    stored.getSpec().setHealthCheckNodePort(30001);
    assertThat(OwnedFields.match(desired, stored)).as("a value present and different is drift").isFalse();
  }
}
