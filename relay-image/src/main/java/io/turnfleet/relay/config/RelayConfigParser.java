package io.turnfleet.relay.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.turnfleet.relay.config.RelayFlags.*;

/**
 * Reads the relay configuration from its sources (contract.md): command line, then TURNFLEET_*
 * environment variables, then the YAML file of --config, then defaults. For each flag the highest
 * source that sets it wins entirely, repeatable flags included.
 */
public final class RelayConfigParser {

    private RelayConfigParser() {
    }

    /**
     * @param environment the process environment ({@code System.getenv()})
     * @throws ConfigException naming the first invalid setting
     */
    public static Invocation parse(String[] args, Map<String, String> environment) {
        List<String> arguments = List.of(args);
        if (arguments.contains(HELP.option()) || arguments.contains(HELP.option() + "=true")) {
            return Invocation.of(Invocation.Request.PRINT_HELP);
        }
        if (arguments.contains(VERSION.option()) || arguments.contains(VERSION.option() + "=true")) {
            return Invocation.of(Invocation.Request.PRINT_VERSION);
        }
        Map<Flag<?>, Setting> commandLine = CommandLineArguments.parse(args);
        Map<Flag<?>, Setting> fromEnvironment = EnvironmentVariables.parse(environment);

        Map<Flag<?>, Setting> merged = new HashMap<>();
        Setting configSetting = commandLine.containsKey(CONFIG) ? commandLine.get(CONFIG) : fromEnvironment.get(CONFIG);
        Optional<Path> configFile = Optional.empty();
        if (configSetting != null) {
            configFile = new Settings(Map.of(CONFIG, configSetting)).optional(CONFIG);
            merged.putAll(YamlConfigFile.read(configFile.get(), configSetting.label()));
        }
        merged.putAll(fromEnvironment);
        merged.putAll(commandLine);
        merged.remove(HELP);
        merged.remove(VERSION);

        Settings settings = new Settings(merged);
        RelayConfig config = build(settings, configFile);
        ConfigChecks.check(config, settings);
        return Invocation.run(config);
    }

    private static RelayConfig build(Settings s, Optional<Path> configFile) {
        return new RelayConfig(
                s.values(LISTEN),
                s.value(REALM),
                s.values(USER),
                s.optional(USERS_FILE),
                s.optional(AUTH_SECRET_DIR),
                s.value(ALLOW_EXPIRED_REFRESH),
                s.values(RELAY_IP),
                s.values(EXTERNAL_IP),
                s.optional(EXTERNAL_IP_FILE),
                s.optional(ALTERNATE_SERVERS_FILE),
                s.optional(FLEET_ADDRESSES_FILE),
                s.value(RELAY_PORTS),
                s.values(ALLOW_PEER),
                s.values(DENY_PEER),
                s.value(ALLOW_LOOPBACK_PEERS),
                s.value(MAX_ALLOCATIONS),
                s.value(USER_QUOTA),
                s.value(MAX_BANDWIDTH),
                s.value(MAX_LIFETIME),
                s.value(NONCE_LIFETIME),
                s.value(THREADS),
                s.value(ADMIN_LISTEN),
                s.optional(TLS_CERT),
                s.optional(TLS_KEY),
                s.value(MAX_UNAUTHENTICATED_CONNECTIONS_PER_IP),
                s.value(CONNECTION_RATE_PER_IP),
                s.value(CONNECTION_BURST_PER_IP),
                s.value(TCP_IDLE_TIMEOUT),
                s.value(TLS_HANDSHAKE_TIMEOUT),
                s.value(DRAIN_TIMEOUT),
                s.value(LOG_FORMAT),
                s.value(LOG_LEVEL),
                s.value(SOFTWARE),
                s.value(UDP_IO),
                configFile);
    }
}
