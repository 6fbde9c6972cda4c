package io.turnfleet.operator.reconcile;

/** Where relay pods find their mounted files (the relay/operator contract). */
public final class RelayFiles {
  public static final String CONFIG_DIR = "/etc/turnfleet/config";
  public static final String CONFIG_KEY = "relay.yaml";
  public static final String CONFIG_FILE = CONFIG_DIR + "/" + CONFIG_KEY;
  public static final String AUTH_DIR = "/etc/turnfleet/auth";
  public static final String USERS_DIR = "/etc/turnfleet/users";
  public static final String USERS_KEY = "users";
  public static final String USERS_FILE = USERS_DIR + "/" + USERS_KEY;
  public static final String TLS_DIR = "/etc/turnfleet/tls";
  public static final String TLS_CERT_KEY = "tls.crt";
  public static final String TLS_KEY_KEY = "tls.key";
  public static final String FLEET_DIR = "/etc/turnfleet/fleet";
  public static final String ALTERNATES_KEY = "alternates";
  public static final String RELAY_ADDRESSES_KEY = "relay-addresses";
  public static final String TMP_DIR = "/tmp";

  private RelayFiles() {}
}
