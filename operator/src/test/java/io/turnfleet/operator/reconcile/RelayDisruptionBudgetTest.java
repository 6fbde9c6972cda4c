package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

class RelayDisruptionBudgetTest {
  @Test
  void nodeMaintenanceDrainsOneRelayOfTheFleetAtATime() {
    PodDisruptionBudget pdb = RelayDisruptionBudget.build(turnServer());
    assertThat(pdb.getMetadata().getName()).isEqualTo("media-relay");
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getMinAvailable()).isNull();
    assertThat(pdb.getSpec().getSelector().getMatchLabels()).isEqualTo(FleetLabels.relaySelector(turnServer()));
    assertThat(pdb.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(ref -> assertThat(ref.getUid()).isEqualTo(SampleFleets.UID));
  }
}
