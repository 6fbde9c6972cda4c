package io.turnfleet.credentials.config;

/** Invalid configuration: the message names the flag and the bad value. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
