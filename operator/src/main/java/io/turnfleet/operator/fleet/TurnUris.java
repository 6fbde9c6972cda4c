package io.turnfleet.operator.fleet;

import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServerSpec;
import io.turnfleet.operator.api.TurnUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fleet's TURN URIs (RFC 7065): one per serving relay, address and listener; with
 * {@code spec.dns.hostname} one per listener naming the host (DNS picks the relay, and a
 * {@code turns:} client can check the certificate against the name).
 */
public final class TurnUris {
  private TurnUris() {}

  public static List<TurnUri> of(FleetSnapshot fleet, TurnServerSpec spec) {
    List<TurnUri> uris = new ArrayList<>();
    if (spec.getDns().published()) {
      if (!fleet.serving().isEmpty()) {
        spec.getListeners().forEach(listener ->
            uris.add(uri(spec.getDns().getHostname() + ":" + listener.getPort(), listener)));
      }
      return uris;
    }
    for (FleetRelay relay : fleet.serving()) {
      for (IpLiteral address : relay.served()) {
        for (Listener listener : spec.getListeners()) {
          uris.add(uri(address.withPort(listener.getPort()), listener));
        }
      }
    }
    return uris;
  }

  private static TurnUri uri(String hostAndPort, Listener listener) {
    ListenerProtocol protocol = listener.getProtocol();
    return new TurnUri(protocol.uriScheme() + ":" + hostAndPort + "?transport=" + protocol.uriTransport(),
        protocol.name().toLowerCase(Locale.ROOT));
  }
}
