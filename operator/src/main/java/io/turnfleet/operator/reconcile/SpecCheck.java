package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Quantity;
import io.turnfleet.operator.api.AddressSource;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.AuthSpec;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.SpecDuration;
import io.turnfleet.operator.api.StaticNodeAddress;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.fleet.IpLiteral;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a TurnServer for everything that would make its fleet fail. The CRD schema rejects most of
 * these already; the operator checks again because objects can predate the schema and because a
 * relay started with a bad flag would only crash-loop.
 */
public final class SpecCheck {
  /** The relay's limit on --realm (its 401 to a 28-byte Allocate must fit in 84 bytes). */
  static final int MAX_REALM_BYTES = 32;
  private SpecCheck() {}

  public static List<SpecProblem> check(TurnServer ts) {
    List<SpecProblem> problems = new ArrayList<>();
    String name = ts.getMetadata().getName();
    if (name == null || name.length() > TurnServer.MAX_NAME_LENGTH) {
      problems.add(new SpecProblem("metadata.name",
          "must be at most " + TurnServer.MAX_NAME_LENGTH + " characters (owned object names extend it)"));
    }
    TurnServerSpec spec = ts.getSpec();
    if (spec == null) {
      problems.add(new SpecProblem("spec", "is required (expected at least spec.realm)"));
      return problems;
    }
    checkRealm(spec, problems);
    checkPorts(spec, problems);
    checkTls(spec, problems);
    checkAdvertisedAddress(spec, problems);
    checkAuth(spec.getAuth(), problems);
    checkPeers("spec.peers.allow", spec.getPeers().getAllow(), problems);
    checkPeers("spec.peers.deny", spec.getPeers().getDeny(), problems);
    checkNumbers(spec, problems);
    checkResources(spec, problems);
    return problems;
  }

  private static void checkRealm(TurnServerSpec spec, List<SpecProblem> problems) {
    String realm = spec.getRealm();
    if (realm == null || realm.isEmpty()) {
      problems.add(new SpecProblem("spec.realm", "is required (expected a non-empty realm such as example.com)"));
    } else if (realm.getBytes(StandardCharsets.UTF_8).length > MAX_REALM_BYTES || realm.contains("\"")
        || realm.contains("\\")) {
      // the relay's 401 to a 28-byte Allocate carries the realm and must stay within 3x (84 bytes)
      problems.add(new SpecProblem("spec.realm", "'" + realm + "' is invalid (expected at most " + MAX_REALM_BYTES
          + " bytes without quotes or backslashes)"));
    }
  }

  private static void checkPorts(TurnServerSpec spec, List<SpecProblem> problems) {
    int min = spec.getRelayPorts().getMin();
    int max = spec.getRelayPorts().getMax();
    if (min < 1024 || max > 65535 || min > max) {
      problems.add(new SpecProblem("spec.relayPorts",
          min + "-" + max + " is invalid (expected MIN-MAX with 1024 <= MIN <= MAX <= 65535)"));
    }
    int adminPort = spec.getAdminPort();
    if (adminPort < 1 || adminPort > 65535) {
      problems.add(new SpecProblem("spec.adminPort", adminPort + " is out of range (expected 1-65535)"));
    }
    List<Listener> listeners = spec.getListeners();
    if (listeners.isEmpty()) {
      problems.add(new SpecProblem("spec.listeners", "is empty (expected at least one listener)"));
    }
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < listeners.size(); i++) {
      Listener l = listeners.get(i);
      String field = "spec.listeners[" + i + "]";
      if (l.getProtocol() == null) {
        problems.add(new SpecProblem(field + ".protocol", "is required (expected UDP, TCP or TLS)"));
        continue;
      }
      if (l.getPort() == null || l.getPort() < 1 || l.getPort() > 65535) {
        problems.add(new SpecProblem(field + ".port", l.getPort() + " is out of range (expected 1-65535)"));
        continue;
      }
      boolean udp = l.getProtocol() == ListenerProtocol.UDP;
      if (!seen.add((udp ? "udp/" : "tcp/") + l.getPort())) {
        problems.add(new SpecProblem(field + ".port",
            l.getPort() + " is used twice (expected unique ports per transport; TCP and TLS share one)"));
      }
      if (l.getPort() >= min && l.getPort() <= max) {
        problems.add(new SpecProblem(field + ".port",
            l.getPort() + " lies inside spec.relayPorts " + min + "-" + max + " (expected a port outside it)"));
      }
      if (!udp && l.getPort() == adminPort) {
        problems.add(new SpecProblem("spec.adminPort",
            adminPort + " is also the port of " + field + " (expected distinct TCP ports)"));
      }
    }
  }

  private static void checkTls(TurnServerSpec spec, List<SpecProblem> problems) {
    boolean tlsListener = spec.getListeners().stream().anyMatch(l -> l.getProtocol() == ListenerProtocol.TLS);
    boolean certificate = spec.getTls() != null && spec.getTls().getSecretName() != null
        && !spec.getTls().getSecretName().isEmpty();
    if (tlsListener && !certificate) {
      problems.add(new SpecProblem("spec.tls.secretName",
          "is required by the TLS listener (expected a kubernetes.io/tls Secret with tls.crt and tls.key)"));
    }
  }

  private static void checkAdvertisedAddress(TurnServerSpec spec, List<SpecProblem> problems) {
    List<StaticNodeAddress> nodes = spec.getAdvertisedAddress().getNodes();
    if (spec.getAdvertisedAddress().getSource() == AddressSource.Static && nodes.isEmpty()) {
      problems.add(new SpecProblem("spec.advertisedAddress.nodes",
          "is empty (expected addresses per node when source is Static)"));
    }
    Set<String> seenNodes = new HashSet<>();
    for (int i = 0; i < nodes.size(); i++) {
      StaticNodeAddress entry = nodes.get(i);
      String field = "spec.advertisedAddress.nodes[" + i + "]";
      if (entry.getNode() == null || entry.getNode().isEmpty()) {
        problems.add(new SpecProblem(field + ".node", "is required (expected a node name)"));
      } else if (!seenNodes.add(entry.getNode())) {
        problems.add(new SpecProblem(field + ".node", "'" + entry.getNode() + "' is listed twice"));
      }
      int v4 = 0;
      int v6 = 0;
      for (int j = 0; j < entry.getAddresses().size(); j++) {
        String text = entry.getAddresses().get(j);
        Optional<IpLiteral> ip = IpLiteral.parse(text);
        if (ip.isEmpty()) {
          problems.add(new SpecProblem(field + ".addresses[" + j + "]",
              "'" + text + "' is not an IP address (expected e.g. 203.0.113.7 or 2001:db8::7)"));
        } else if (ip.get().isIpv6()) {
          v6++;
        } else {
          v4++;
        }
      }
      if (entry.getAddresses().isEmpty() || v4 > 1 || v6 > 1) {
        problems.add(new SpecProblem(field + ".addresses",
            "has " + entry.getAddresses().size() + " entries (expected one IPv4 and/or one IPv6 address)"));
      }
    }
  }

  private static void checkAuth(AuthSpec auth, List<SpecProblem> problems) {
    if (auth.getMode() == AuthMode.StaticUsers) {
      if (auth.getStaticUsers() == null || auth.getStaticUsers().getSecretName() == null
          || auth.getStaticUsers().getSecretName().isEmpty()) {
        problems.add(new SpecProblem("spec.auth.staticUsers.secretName",
            "is required when spec.auth.mode is StaticUsers (expected a Secret holding name:password lines)"));
      }
      return;
    }
    String intervalText = auth.getSharedSecret().getRotationInterval();
    String overlapText = auth.getSharedSecret().getOverlap();
    Optional<Duration> interval = SpecDuration.parse(intervalText);
    Optional<Duration> overlap = SpecDuration.parse(overlapText);
    if (interval.isEmpty() || interval.get().isZero()) {
      problems.add(new SpecProblem("spec.auth.sharedSecret.rotationInterval",
          "'" + intervalText + "' is invalid (expected a positive duration such as 24h, 90m or 3600s)"));
    }
    if (overlap.isEmpty()) {
      problems.add(new SpecProblem("spec.auth.sharedSecret.overlap",
          "'" + overlapText + "' is invalid (expected a duration such as 1h, 30m or 600s)"));
    }
    if (interval.isPresent() && overlap.isPresent() && overlap.get().compareTo(interval.get()) >= 0) {
      problems.add(new SpecProblem("spec.auth.sharedSecret.overlap",
          overlapText + " is not shorter than rotationInterval " + intervalText));
    }
    String propagationText = auth.getSharedSecret().getPropagationDelay();
    Optional<Duration> propagation = SpecDuration.parse(propagationText);
    if (propagation.isEmpty()) {
      problems.add(new SpecProblem("spec.auth.sharedSecret.propagationDelay",
          "'" + propagationText + "' is invalid (expected a duration such as 2m or 90s)"));
    } else if (interval.isPresent() && propagation.get().compareTo(interval.get()) >= 0) {
      problems.add(new SpecProblem("spec.auth.sharedSecret.propagationDelay",
          propagationText + " is not shorter than rotationInterval " + intervalText));
    }
  }

  private static void checkPeers(String field, List<String> cidrs, List<SpecProblem> problems) {
    for (int i = 0; i < cidrs.size(); i++) {
      String cidr = cidrs.get(i);
      if (!validCidr(cidr)) {
        problems.add(new SpecProblem(field + "[" + i + "]",
            "'" + cidr + "' is not a CIDR (expected e.g. 10.20.0.0/16 or 2001:db8::/32)"));
      }
    }
  }

  private static void checkResources(TurnServerSpec spec, List<SpecProblem> problems) {
    if (spec.getResources() == null) {
      return;
    }
    checkQuantities("spec.resources.requests", spec.getResources().getRequests(), problems);
    checkQuantities("spec.resources.limits", spec.getResources().getLimits(), problems);
  }

  private static void checkQuantities(String field, Map<String, Quantity> quantities, List<SpecProblem> problems) {
    if (quantities == null) {
      return;
    }
    quantities.forEach((name, quantity) -> {
      try {
        quantity.getNumericalAmount();
      } catch (RuntimeException e) {
        problems.add(new SpecProblem(field + "." + name,
            "'" + quantity + "' is not a quantity (expected e.g. 500m or 256Mi)"));
      }
    });
  }

  static boolean validCidr(String cidr) {
    if (cidr == null) {
      return false;
    }
    int slash = cidr.indexOf('/');
    if (slash < 0 || slash == cidr.length() - 1) {
      return false;
    }
    Optional<IpLiteral> ip = IpLiteral.parse(cidr.substring(0, slash));
    String prefixText = cidr.substring(slash + 1);
    if (ip.isEmpty() || !prefixText.matches("\\d{1,3}")) {
      return false;
    }
    int prefix = Integer.parseInt(prefixText);
    return prefix <= (ip.get().isIpv6() ? 128 : 32);
  }

  private static void checkNumbers(TurnServerSpec spec, List<SpecProblem> problems) {
    int min = spec.getReplicas().getMin();
    int max = spec.getReplicas().getMax();
    if (min < 1 || max > 1000 || min > max) {
      problems.add(new SpecProblem("spec.replicas",
          "min " + min + " and max " + max + " are invalid (expected 1 <= min <= max <= 1000)"));
    }
    int grace = spec.getDrainGracePeriodSeconds();
    if (grace < 10 || grace > 86400) {
      problems.add(new SpecProblem("spec.drainGracePeriodSeconds", grace + " is out of range (expected 10-86400)"));
    }
    if (spec.getScaling().getTargetAllocationsPerRelay() < 1) {
      problems.add(new SpecProblem("spec.scaling.targetAllocationsPerRelay",
          spec.getScaling().getTargetAllocationsPerRelay() + " is invalid (expected at least 1)"));
    }
    if (spec.getScaling().getTargetBandwidthPerRelay() < 0) {
      problems.add(new SpecProblem("spec.scaling.targetBandwidthPerRelay", "must not be negative"));
    }
    int headroom = spec.getScaling().getHeadroomPercent();
    if (headroom < 0 || headroom > 400) {
      problems.add(new SpecProblem("spec.scaling.headroomPercent", headroom + " is out of range (expected 0-400)"));
    }
    String window = spec.getScaling().getStabilizationWindow();
    if (SpecDuration.parse(window).isEmpty()) {
      problems.add(new SpecProblem("spec.scaling.stabilizationWindow",
          "'" + window + "' is invalid (expected a duration such as 5m or 300s)"));
    }
    int step = spec.getScaling().getMaxScaleDownPerWindow();
    if (step < 1 || step > 1000) {
      problems.add(new SpecProblem("spec.scaling.maxScaleDownPerWindow", step + " is out of range (expected 1-1000)"));
    }
    if (spec.getQuotas().getMaxAllocationsPerRelay() < 0) {
      problems.add(new SpecProblem("spec.quotas.maxAllocationsPerRelay", "must not be negative"));
    }
    if (spec.getQuotas().getAllocationsPerUser() < 0) {
      problems.add(new SpecProblem("spec.quotas.allocationsPerUser", "must not be negative"));
    }
    if (spec.getQuotas().getBandwidthPerAllocation() < 0) {
      problems.add(new SpecProblem("spec.quotas.bandwidthPerAllocation", "must not be negative"));
    }
  }
}
