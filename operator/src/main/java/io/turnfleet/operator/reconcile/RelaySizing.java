package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the relay container's resources mean for the relay process: its event loops follow the CPU
 * limit (not the node's cores), and its JVM leaves room for Netty's direct buffers inside the memory
 * limit. Pure: the same resources give the same flags.
 */
public final class RelaySizing {
  /** Share of the memory limit for the Java heap (allocation tables, per-client state). */
  static final int HEAP_PERCENT = 50;
  /** Share for Netty's pooled direct buffers (receive slots, relayed datagrams, socket queues). */
  static final int DIRECT_PERCENT = 25;
  /**
   * The rest (25%) is for metaspace, code cache, GC tables, thread stacks and the native transport:
   * about 65 MiB measured under load with native memory tracking (README "Relay sizing").
   */
  public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

  private RelaySizing() {}

  /** {@code --threads}: the CPU limit rounded up, at least 1; empty without a CPU limit (then the node's cores). */
  public static OptionalInt eventLoops(ResourceRequirements resources) {
    return limit(resources, "cpu")
        .map(cores -> OptionalInt.of(Math.max(1, cores.setScale(0, RoundingMode.CEILING).intValueExact())))
        .orElse(OptionalInt.empty());
  }

  /**
   * JVM flags for the memory limit: heap and direct memory as fixed shares of it. Empty without a
   * memory limit (the JVM's own defaults then apply).
   */
  public static Optional<String> jvmOptions(ResourceRequirements resources) {
    return limit(resources, "memory").map(bytes -> {
      long direct = bytes.multiply(BigDecimal.valueOf(DIRECT_PERCENT)).divide(BigDecimal.valueOf(100), 0,
          RoundingMode.DOWN).longValueExact();
      return "-XX:MaxRAMPercentage=" + HEAP_PERCENT + ".0 -XX:MaxDirectMemorySize=" + direct;
    });
  }

  private static Optional<BigDecimal> limit(ResourceRequirements resources, String name) {
    if (resources == null || resources.getLimits() == null) {
      return Optional.empty();
    }
    Quantity quantity = resources.getLimits().get(name);
    return quantity == null ? Optional.empty() : Optional.of(Quantity.getAmountInBytes(quantity));
  }
}
