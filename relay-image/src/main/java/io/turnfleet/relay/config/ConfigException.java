package io.turnfleet.relay.config;

/**
 * Invalid relay configuration. The message is one line that names the flag (or environment variable,
 * or config file key), the bad value and what was expected, and never contains a password; the relay
 * prints it and exits with code 2.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
