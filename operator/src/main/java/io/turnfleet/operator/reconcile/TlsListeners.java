package io.turnfleet.operator.reconcile;

import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.TurnServerSpec;

/** Whether a fleet serves TURN over TLS and so needs its certificate mounted. */
final class TlsListeners {
  private TlsListeners() {}

  static boolean present(TurnServerSpec spec) {
    return spec.getListeners().stream().anyMatch(l -> l.getProtocol() == ListenerProtocol.TLS);
  }
}
