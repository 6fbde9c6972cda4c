package io.turnfleet.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.turnfleet.operator.RepositoryFiles;
import io.turnfleet.operator.api.CrdSchema;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl get turnservers} for a pending, a failed and a ready fleet: the checked-in CRD's
 * printer columns rendered against the status the operator computes for each.
 */
class PrinterColumnsTest {
  private static String kubectlGet(boolean wide) throws IOException {
    JsonNode crd = CrdSchema.YAML.readTree(RepositoryFiles.checkedInCrd().toFile());
    String table = new KubectlTable(crd, wide, StatusSamples.NOW)
        .render(List.of(StatusSamples.pending(), StatusSamples.failed(), StatusSamples.ready()));
    System.out.println("$ kubectl get turnservers" + (wide ? " -o wide" : "") + "\n" + table);
    return table;
  }

  @Test
  void kubectlGetShowsReadinessRelaysAndLoadAgainstWhatTheFleetIsSizedFor() throws IOException {
    assertThat(kubectlGet(false)).isEqualTo("""
        NAME      READY   RELAYS   LOAD        AGE
        pending   False   0/2      0/2000      42m
        failed    False   0/2      0/2000      42m
        ready     True    2/2      1586/2000   42m
        """);
  }

  @Test
  void wideAddsReconcilingStalledUrisAndTheLastScalingDecision() throws IOException {
    assertThat(kubectlGet(true)).isEqualTo("""
        NAME      READY   RECONCILING   STALLED   RELAYS   LOAD        URIS   SCALING   LAST SCALE   AGE
        pending   False   True          False     0/2      0/2000      0      <none>    <none>       42m
        failed    False   False         True      0/2      0/2000      0      <none>    <none>       42m
        ready     True    False         False     2/2      1586/2000   4      Steady    17m          42m
        """);
  }
}
