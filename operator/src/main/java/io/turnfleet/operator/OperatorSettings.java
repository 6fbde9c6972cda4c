package io.turnfleet.operator;

import io.turnfleet.operator.reconcile.DefaultImages;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Operator settings from environment variables (the Helm chart sets them).
 *
 * @param watchNamespaces namespaces whose TurnServers are reconciled; empty means all
 * @param relayImage relay image for TurnServers that name none
 * @param credentialsImage credential service image for TurnServers whose spec.credentials names none
 * @param httpPort port of /healthz, /readyz and /metrics
 * @param leaderElection how replicas elect a leader; empty when only one replica runs
 * @param loadPollInterval how often each relay's {@code /load} is read
 * @param fleetFileDelay how long a change of the fleet ConfigMap takes to reach every relay (the
 *     kubelet's sync of mounted ConfigMaps): a new relay counts as available only after it, so no
 *     relay drains before the others name the new one as an alternate
 */
public record OperatorSettings(Set<String> watchNamespaces, String relayImage, String credentialsImage, int httpPort,
    Optional<LeaderElection> leaderElection, Duration loadPollInterval, Duration fleetFileDelay) {

  public static final String WATCH_NAMESPACES = "TURNFLEET_WATCH_NAMESPACES";
  public static final String RELAY_IMAGE = "TURNFLEET_RELAY_IMAGE";
  public static final String CREDENTIALS_IMAGE = "TURNFLEET_CREDENTIALS_IMAGE";
  public static final String HTTP_PORT = "TURNFLEET_HTTP_PORT";
  public static final String LEADER_ELECTION = "TURNFLEET_LEADER_ELECTION";
  public static final String LEASE_NAMESPACE = "TURNFLEET_LEASE_NAMESPACE";
  public static final String LEASE_IDENTITY = "TURNFLEET_LEASE_IDENTITY";
  public static final String LOAD_POLL_INTERVAL = "TURNFLEET_LOAD_POLL_INTERVAL";
  public static final Duration DEFAULT_LOAD_POLL_INTERVAL = Duration.ofSeconds(10);
  public static final String FLEET_FILE_DELAY = "TURNFLEET_FLEET_FILE_DELAY";
  /** The kubelet's sync period (1 minute) with its jitter, plus the relay's 1-second re-read. */
  public static final Duration DEFAULT_FLEET_FILE_DELAY = Duration.ofSeconds(90);
  private static final Pattern INTERVAL = Pattern.compile("([0-9]{1,6})(ms|s|m)");
  /** The images built by the same command as this operator (Maven writes them into build.properties). */
  private static final Properties BUILD = buildProperties();
  public static final String DEFAULT_RELAY_IMAGE = BUILD.getProperty("relayImage");
  public static final String DEFAULT_CREDENTIALS_IMAGE = BUILD.getProperty("credentialsImage");

  /** All namespaces, no leader election, HTTP on an ephemeral port: what a test starts from. */
  public static OperatorSettings defaults(String relayImage) {
    return new OperatorSettings(Set.of(), relayImage, DEFAULT_CREDENTIALS_IMAGE, 0, Optional.empty(),
        DEFAULT_LOAD_POLL_INTERVAL, DEFAULT_FLEET_FILE_DELAY);
  }

  public OperatorSettings withCredentialsImage(String image) {
    return new OperatorSettings(watchNamespaces, relayImage, image, httpPort, leaderElection, loadPollInterval,
        fleetFileDelay);
  }

  public OperatorSettings withLeaderElection(LeaderElection election) {
    return new OperatorSettings(watchNamespaces, relayImage, credentialsImage, httpPort, Optional.of(election),
        loadPollInterval, fleetFileDelay);
  }

  public OperatorSettings withLoadPollInterval(Duration interval) {
    return new OperatorSettings(watchNamespaces, relayImage, credentialsImage, httpPort, leaderElection, interval,
        fleetFileDelay);
  }

  public OperatorSettings withFleetFileDelay(Duration delay) {
    return new OperatorSettings(watchNamespaces, relayImage, credentialsImage, httpPort, leaderElection,
        loadPollInterval, delay);
  }

  /** The images TurnServers get when their spec names none. */
  public DefaultImages defaultImages() {
    return new DefaultImages(relayImage, credentialsImage);
  }

  /** Reads the settings; throws {@link IllegalArgumentException} naming the variable and value. */
  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault(WATCH_NAMESPACES, "").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
    for (String ns : namespaces) {
      if (!ns.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
        throw new IllegalArgumentException(WATCH_NAMESPACES + " '" + env.get(WATCH_NAMESPACES)
            + "': '" + ns + "' is not a namespace name (expected comma-separated DNS labels)");
      }
    }
    String image = image(env, RELAY_IMAGE, DEFAULT_RELAY_IMAGE);
    String credentialsImage = image(env, CREDENTIALS_IMAGE, DEFAULT_CREDENTIALS_IMAGE);
    String portText = env.getOrDefault(HTTP_PORT, "8080").trim();
    int port;
    try {
      port = Integer.parseInt(portText);
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(HTTP_PORT + " '" + portText + "': expected a port within 0-65535");
    }
    String electionText = env.getOrDefault(LEADER_ELECTION, "false").trim();
    if (!electionText.equals("true") && !electionText.equals("false")) {
      throw new IllegalArgumentException(LEADER_ELECTION + " '" + electionText + "': expected true or false");
    }
    Optional<LeaderElection> election = Boolean.parseBoolean(electionText)
        ? Optional.of(LeaderElection.standard(nonBlank(env.get(LEASE_NAMESPACE)), Optional.of(
            nonBlank(env.get(LEASE_IDENTITY)).or(() -> nonBlank(env.get("HOSTNAME")))
                .orElseGet(() -> UUID.randomUUID().toString()))))
        : Optional.empty();
    return new OperatorSettings(namespaces, image, credentialsImage, port, election,
        duration(LOAD_POLL_INTERVAL, env.get(LOAD_POLL_INTERVAL), DEFAULT_LOAD_POLL_INTERVAL),
        duration(FLEET_FILE_DELAY, env.get(FLEET_FILE_DELAY), DEFAULT_FLEET_FILE_DELAY));
  }

  private static String image(Map<String, String> env, String variable, String fallback) {
    String image = env.getOrDefault(variable, fallback).trim();
    if (image.isEmpty()) {
      throw new IllegalArgumentException(variable + " '': expected an image reference");
    }
    return image;
  }

  private static Duration duration(String variable, String text, Duration fallback) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    Matcher m = INTERVAL.matcher(text.trim());
    Duration interval = !m.matches() ? Duration.ZERO : switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(Long.parseLong(m.group(1)));
      case "s" -> Duration.ofSeconds(Long.parseLong(m.group(1)));
      default -> Duration.ofMinutes(Long.parseLong(m.group(1)));
    };
    if (interval.compareTo(Duration.ofMillis(100)) < 0) {
      throw new IllegalArgumentException(variable + " '" + text
          + "': expected a duration of at least 100ms such as 10s, 500ms or 1m");
    }
    return interval;
  }

  private static Properties buildProperties() {
    String resource = "build.properties";
    try (InputStream in = OperatorSettings.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the build");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static Optional<String> nonBlank(String value) {
    return Optional.ofNullable(value).map(String::trim).filter(s -> !s.isEmpty());
  }
}
