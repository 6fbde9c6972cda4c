package io.turnfleet.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RelaySizingTest {
  private static ResourceRequirements limits(String cpu, String memory) {
    ResourceRequirementsBuilder builder = new ResourceRequirementsBuilder();
    if (cpu != null) {
      builder.addToLimits("cpu", new Quantity(cpu));
    }
    if (memory != null) {
      builder.addToLimits("memory", new Quantity(memory));
    }
    return builder.build();
  }

  @Test
  void eventLoopsAreTheCpuLimitRoundedUpAndAtLeastOne() {
    assertThat(RelaySizing.eventLoops(limits("2", null))).hasValue(2);
    assertThat(RelaySizing.eventLoops(limits("2500m", null))).hasValue(3);
    assertThat(RelaySizing.eventLoops(limits("100m", null))).hasValue(1);
    assertThat(RelaySizing.eventLoops(limits(null, "1Gi"))).isEqualTo(OptionalInt.empty());
    assertThat(RelaySizing.eventLoops(null)).isEqualTo(OptionalInt.empty());
  }

  @Test
  void directMemoryIsAFixedShareOfTheMemoryLimitBesideAHeapShareThatLeavesRoomForTheRest() {
    assertThat(RelaySizing.jvmOptions(limits(null, "1Gi")))
        .hasValue("-XX:MaxRAMPercentage=50.0 -XX:MaxDirectMemorySize=268435456");
    assertThat(RelaySizing.jvmOptions(limits(null, "1G")))
        .hasValue("-XX:MaxRAMPercentage=50.0 -XX:MaxDirectMemorySize=250000000");
    assertThat(RelaySizing.HEAP_PERCENT + RelaySizing.DIRECT_PERCENT).as("room for metaspace, stacks, code")
        .isLessThanOrEqualTo(75);
    assertThat(RelaySizing.jvmOptions(limits("1", null))).isEmpty();
  }
}
