package io.turnfleet.operator.fleet;

import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnUri;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The fleet's TURN URIs (RFC 7065): one per serving relay, address it serves and listener. */
public final class TurnUris {
  private TurnUris() {}

  public static List<TurnUri> of(FleetSnapshot fleet, List<Listener> listeners) {
    List<TurnUri> uris = new ArrayList<>();
    for (FleetRelay relay : fleet.serving()) {
      for (IpLiteral address : relay.served()) {
        for (Listener listener : listeners) {
          ListenerProtocol protocol = listener.getProtocol();
          String uri = protocol.uriScheme() + ":" + address.withPort(listener.getPort())
              + "?transport=" + protocol.uriTransport();
          uris.add(new TurnUri(uri, protocol.name().toLowerCase(Locale.ROOT)));
        }
      }
    }
    return uris;
  }
}
