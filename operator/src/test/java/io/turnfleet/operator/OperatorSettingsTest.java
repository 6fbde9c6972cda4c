package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.turnfleet.operator.reconcile.DefaultImages;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void anEmptyEnvironmentWatchesEveryNamespaceWithoutLeaderElection() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of());
    assertThat(settings.watchNamespaces()).isEmpty();
    assertThat(settings.relayImage()).isEqualTo(OperatorSettings.DEFAULT_RELAY_IMAGE);
    assertThat(settings.credentialsImage()).isEqualTo(OperatorSettings.DEFAULT_CREDENTIALS_IMAGE);
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.leaderElection()).isEmpty();
  }

  @Test
  void theEnvironmentOverridesTheBuiltImagesAndABlankImageIsRejected() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
        OperatorSettings.RELAY_IMAGE, "registry.example.com/turnfleet/turnfleet-relay:1.2.3",
        OperatorSettings.CREDENTIALS_IMAGE, " registry.example.com/turnfleet/turnfleet-credentials:1.2.3 "));
    assertThat(settings.defaultImages()).isEqualTo(new DefaultImages(
        "registry.example.com/turnfleet/turnfleet-relay:1.2.3",
        "registry.example.com/turnfleet/turnfleet-credentials:1.2.3"));
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.CREDENTIALS_IMAGE, " ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TURNFLEET_CREDENTIALS_IMAGE '': expected an image reference");
  }

  @Test
  void leaderElectionTakesTheLeaseNamespaceAndThisReplicasIdentity() {
    OperatorSettings settings = OperatorSettings.fromEnvironment(Map.of(
        OperatorSettings.LEADER_ELECTION, "true",
        OperatorSettings.LEASE_NAMESPACE, "turnfleet-system",
        OperatorSettings.LEASE_IDENTITY, "turnfleet-operator-7d9f-abc12"));
    LeaderElection election = settings.leaderElection().orElseThrow();
    assertThat(election.leaseNamespace()).contains("turnfleet-system");
    assertThat(election.identity()).contains("turnfleet-operator-7d9f-abc12");
    assertThat(election.leaseDuration()).isEqualTo(LeaderElection.LEASE_DURATION);
    assertThat(election.exitOnLoss()).isTrue();
  }

  @Test
  void blankLeaseSettingsFallBackToTheOperatorsNamespaceAndThePodName() {
    LeaderElection election = OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LEADER_ELECTION, "true",
        OperatorSettings.LEASE_NAMESPACE, " ", OperatorSettings.LEASE_IDENTITY, "", "HOSTNAME", "turnfleet-operator-0"))
        .leaderElection().orElseThrow();
    assertThat(election.leaseNamespace()).isEqualTo(Optional.empty());
    assertThat(election.identity()).contains("turnfleet-operator-0");
  }

  @Test
  void withoutIdentityOrHostnameAReplicaHoldsTheLeaseUnderARandomName() {
    LeaderElection election = OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LEADER_ELECTION, "true"))
        .leaderElection().orElseThrow();
    assertThat(election.identity()).hasValueSatisfying(id -> assertThat(id).hasSize(36));
  }

  @Test
  void theLoadPollIntervalDefaultsToTenSecondsAndTakesMillisecondsSecondsOrMinutes() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).loadPollInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LOAD_POLL_INTERVAL, "500ms"))
        .loadPollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LOAD_POLL_INTERVAL, "1m"))
        .loadPollInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LOAD_POLL_INTERVAL, "10")))
        .hasMessage("TURNFLEET_LOAD_POLL_INTERVAL '10': expected a duration of at least 100ms such as 10s, 500ms or 1m");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LOAD_POLL_INTERVAL, "50ms")))
        .hasMessageStartingWith("TURNFLEET_LOAD_POLL_INTERVAL '50ms'");
  }

  @Test
  void theFleetFileDelayDefaultsToTheKubeletsSyncOfMountedConfigMaps() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).fleetFileDelay()).isEqualTo(Duration.ofSeconds(90));
    assertThat(OperatorSettings.fromEnvironment(Map.of(OperatorSettings.FLEET_FILE_DELAY, "2m")).fleetFileDelay())
        .isEqualTo(Duration.ofMinutes(2));
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.FLEET_FILE_DELAY, "soon")))
        .hasMessageStartingWith("TURNFLEET_FLEET_FILE_DELAY 'soon': expected a duration");
  }

  @Test
  void watchedNamespacesAreCommaSeparated() {
    assertThat(OperatorSettings.fromEnvironment(Map.of(OperatorSettings.WATCH_NAMESPACES, "turn, media,"))
        .watchNamespaces()).isEqualTo(Set.of("turn", "media"));
  }

  @Test
  void badValuesNameTheVariableAndWhatWasExpected() {
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.WATCH_NAMESPACES, "Turn")))
        .hasMessage("TURNFLEET_WATCH_NAMESPACES 'Turn': 'Turn' is not a namespace name (expected comma-separated DNS labels)");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.HTTP_PORT, "http")))
        .hasMessage("TURNFLEET_HTTP_PORT 'http': expected a port within 0-65535");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of(OperatorSettings.LEADER_ELECTION, "yes")))
        .hasMessage("TURNFLEET_LEADER_ELECTION 'yes': expected true or false");
  }
}
