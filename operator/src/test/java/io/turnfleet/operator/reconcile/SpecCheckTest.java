package io.turnfleet.operator.reconcile;

import static io.turnfleet.operator.reconcile.SampleFleets.turnServer;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The operator's own checks of the day-2 fields, for objects that bypassed the CRD schema. */
class SpecCheckTest {
  @Test
  void theDefaultsPass() {
    assertThat(SpecCheck.check(turnServer())).isEmpty();
  }

  @Test
  void aPropagationDelayNotShorterThanTheRotationIntervalIsNamed() {
    assertThat(SpecCheck.check(turnServer(s -> {
      s.getAuth().getSharedSecret().setRotationInterval("90s");
      s.getAuth().getSharedSecret().setOverlap("10s");
      s.getAuth().getSharedSecret().setPropagationDelay("2m");
    }))).extracting(SpecProblem::describe)
        .containsExactly("spec.auth.sharedSecret.propagationDelay: 2m is not shorter than rotationInterval 90s");
  }

  @Test
  void aPropagationDelayThatIsNoDurationIsNamed() {
    assertThat(SpecCheck.check(turnServer(s -> s.getAuth().getSharedSecret().setPropagationDelay("soon"))))
        .extracting(SpecProblem::describe)
        .containsExactly("spec.auth.sharedSecret.propagationDelay: 'soon' is invalid (expected a duration such as 2m or 90s)");
  }

  @Test
  void scalingFieldsOutOfRangeAreNamed() {
    assertThat(SpecCheck.check(turnServer(s -> {
      s.getScaling().setHeadroomPercent(-5);
      s.getScaling().setStabilizationWindow("5 minutes");
      s.getScaling().setMaxScaleDownPerWindow(0);
    }))).extracting(SpecProblem::field).containsExactly(
        "spec.scaling.headroomPercent", "spec.scaling.stabilizationWindow", "spec.scaling.maxScaleDownPerWindow");
  }

  @Test
  void aRealmLongerThanTheRelayAcceptsIsNamed() {
    assertThat(SpecCheck.check(turnServer(s -> s.setRealm("a-realm-name-of-thirty-three-byte"))))
        .extracting(SpecProblem::describe)
        .containsExactly("spec.realm: 'a-realm-name-of-thirty-three-byte' is invalid (expected at most 32 bytes "
            + "without quotes or backslashes)");
    assertThat(SpecCheck.check(turnServer(s -> s.setRealm("exactly-thirty-two-bytes-realm.x")))).isEmpty();
  }
}
