package io.turnfleet.operator.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.fleet.AddressFamilies;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The relay's {@code --config} YAML: keys are the relay's flag names. Node-specific settings (the
 * advertised address file, the admin listener on the node's address) stay on the command line
 * because they differ per pod. Listeners bind the wildcard of each family the fleet serves; the relay
 * binds its relay sockets to the same wildcards and advertises the node's address of each family.
 */
public final class RelayConfigFile {
  /** The relay must exit before the kubelet's SIGKILL at the end of the grace period. */
  static final int DRAIN_MARGIN_SECONDS = 5;

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

  private RelayConfigFile() {}

  public static String yaml(TurnServerSpec spec, AddressFamilies families) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("listen", listenUris(spec.getListeners(), families));
    config.put("realm", spec.getRealm());
    config.put("relay-ports", spec.getRelayPorts().getMin() + "-" + spec.getRelayPorts().getMax());
    RelaySizing.eventLoops(RelayDeployment.resources(spec.getResources()))
        .ifPresent(loops -> config.put("threads", loops));
    if (spec.getAuth().getMode() == AuthMode.StaticUsers) {
      config.put("users-file", RelayFiles.USERS_FILE);
    } else {
      config.put("auth-secret-dir", RelayFiles.AUTH_DIR);
    }
    if (TlsListeners.present(spec)) {
      config.put("tls-cert", RelayFiles.TLS_DIR + "/" + RelayFiles.TLS_CERT_KEY);
      config.put("tls-key", RelayFiles.TLS_DIR + "/" + RelayFiles.TLS_KEY_KEY);
    }
    config.put("alternate-servers-file", RelayFiles.FLEET_DIR + "/" + RelayFiles.ALTERNATES_KEY);
    config.put("fleet-addresses-file", RelayFiles.FLEET_DIR + "/" + RelayFiles.RELAY_ADDRESSES_KEY);
    putIfNotEmpty(config, "allow-peer", spec.getPeers().getAllow());
    putIfNotEmpty(config, "deny-peer", spec.getPeers().getDeny());
    config.put("max-allocations", spec.getQuotas().getMaxAllocationsPerRelay());
    config.put("user-quota", spec.getQuotas().getAllocationsPerUser());
    config.put("max-bandwidth", spec.getQuotas().getBandwidthPerAllocation());
    config.put("drain-timeout", drainTimeoutSeconds(spec) + "s");
    config.put("log-level", spec.getLogLevel().flagValue());
    config.put("log-format", "json");
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int drainTimeoutSeconds(TurnServerSpec spec) {
    return Math.max(1, spec.getDrainGracePeriodSeconds() - DRAIN_MARGIN_SECONDS);
  }

  private static List<String> listenUris(List<Listener> listeners, AddressFamilies families) {
    List<String> uris = new ArrayList<>();
    for (Listener listener : listeners) {
      String scheme = listener.getProtocol().relayScheme() + "://";
      if (families.ipv4()) {
        uris.add(scheme + "0.0.0.0:" + listener.getPort());
      }
      if (families.ipv6()) {
        uris.add(scheme + "[::]:" + listener.getPort());
      }
    }
    return uris;
  }

  private static void putIfNotEmpty(Map<String, Object> config, String key, List<String> values) {
    if (!values.isEmpty()) {
      config.put(key, List.copyOf(values));
    }
  }
}
