package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

class AdminServiceTest {
  @Test
  void aHeadlessServiceListsEveryRelayIncludingDrainingOnesOnTheAdminPort() {
    Service service = AdminService.build(turnServer(s -> s.setAdminPort(9700)));
    assertThat(service.getMetadata().getName()).isEqualTo("media-relay-admin");
    assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
    assertThat(service.getSpec().getPublishNotReadyAddresses()).isTrue();
    assertThat(service.getSpec().getSelector()).isEqualTo(FleetLabels.relaySelector(turnServer()));
    assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
      assertThat(port.getName()).isEqualTo("admin");
      assertThat(port.getPort()).isEqualTo(9700);
      assertThat(port.getTargetPort().getIntVal()).isEqualTo(9700);
      assertThat(port.getProtocol()).isEqualTo("TCP");
    });
    assertThat(service.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(SampleFleets.UID));
  }
}
