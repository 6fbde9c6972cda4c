package io.turnfleet.relay.config;

import io.turnfleet.relay.auth.StaticUser;
import io.turnfleet.relay.turn.IpLiteral;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.turnfleet.relay.config.RelayFlags.*;

/** Rules that span settings, and the existence of the files the relay reads at start. */
final class ConfigChecks {

    private ConfigChecks() {
    }

    static void check(RelayConfig config, Settings settings) {
        if (settings.isSet(MAX_CONNECTIONS_PER_IP)) {
            throw new ConfigException(settings.label(MAX_CONNECTIONS_PER_IP) + " was removed: it capped authenticated"
                    + " connections too (use " + MAX_UNAUTHENTICATED_CONNECTIONS_PER_IP.option() + " and "
                    + CONNECTION_RATE_PER_IP.option() + ")");
        }
        listeners(config, settings);
        tls(config, settings);
        onePerFamily(config.relayIps(), RELAY_IP, settings);
        onePerFamily(config.externalIps(), EXTERNAL_IP, settings);
        if (settings.isSet(EXTERNAL_IP) && settings.isSet(EXTERNAL_IP_FILE)) {
            throw new ConfigException(settings.label(EXTERNAL_IP) + " and " + settings.label(EXTERNAL_IP_FILE)
                    + " exclude each other (expected one of them)");
        }
        if (config.relayPorts().size() < 2) {
            throw new ConfigException(settings.label(RELAY_PORTS) + " '" + config.relayPorts()
                    + "': the range must hold at least 2 ports (expected MIN-MAX within 1-65535 with MIN < MAX)");
        }
        uniqueUsers(config.users(), settings);
        requireFile(config.usersFile(), USERS_FILE, settings);
        requireDirectory(config.authSecretDir(), settings);
        requireFile(config.tlsCert(), TLS_CERT, settings);
        requireFile(config.tlsKey(), TLS_KEY, settings);
    }

    private static void listeners(RelayConfig config, Settings settings) {
        if (config.listen().isEmpty()) {
            throw new ConfigException(settings.label(LISTEN) + ": no listener (expected at least one of " + ListenAddress.FORMS + ")");
        }
        Set<ListenAddress> seen = new HashSet<>();
        Map<InetSocketAddress, ListenAddress> streamPorts = new HashMap<>();
        for (ListenAddress listener : config.listen()) {
            if (!seen.add(listener)) {
                throw new ConfigException(settings.label(LISTEN) + " '" + listener + "': given more than once");
            }
            if (listener.transport() != Transport.UDP) {
                ListenAddress other = streamPorts.putIfAbsent(listener.address(), listener);
                if (other != null) {
                    throw new ConfigException(settings.label(LISTEN) + " '" + listener + "': same TCP port as '" + other
                            + "' (expected distinct ports for tcp:// and tls://)");
                }
            }
        }
    }

    private static void tls(RelayConfig config, Settings settings) {
        if (config.tlsCert().isPresent() != config.tlsKey().isPresent()) {
            Flag<?> given = config.tlsCert().isPresent() ? TLS_CERT : TLS_KEY;
            Flag<?> missing = given == TLS_CERT ? TLS_KEY : TLS_CERT;
            throw new ConfigException(settings.label(given) + " is given without " + missing.option() + " (expected both or neither)");
        }
        Optional<ListenAddress> tlsListener = config.listen().stream().filter(l -> l.transport() == Transport.TLS).findFirst();
        if (tlsListener.isPresent() && config.tlsCert().isEmpty()) {
            throw new ConfigException(settings.label(LISTEN) + " '" + tlsListener.get() + "': a tls:// listener needs "
                    + TLS_CERT.option() + " and " + TLS_KEY.option());
        }
    }

    private static void onePerFamily(List<InetAddress> addresses, Flag<InetAddress> flag, Settings settings) {
        Map<Boolean, InetAddress> byFamily = new HashMap<>();
        for (InetAddress address : addresses) {
            boolean ipv4 = address instanceof Inet4Address;
            InetAddress other = byFamily.putIfAbsent(ipv4, address);
            if (other != null) {
                throw new ConfigException(settings.label(flag) + " '" + IpLiteral.format(address.getAddress())
                        + "': a second IPv" + (ipv4 ? "4" : "6") + " address after '" + IpLiteral.format(other.getAddress())
                        + "' (expected at most one IPv4 and one IPv6 address)");
            }
        }
    }

    private static void uniqueUsers(List<StaticUser> users, Settings settings) {
        Set<String> names = new HashSet<>();
        for (StaticUser user : users) {
            if (!names.add(user.name())) {
                throw new ConfigException(settings.label(USER) + " " + StaticUser.redacted(user.name())
                        + ": user '" + user.name() + "' is given more than once (expected one entry per name)");
            }
        }
    }

    private static void requireFile(Optional<Path> path, Flag<Path> flag, Settings settings) {
        if (path.isPresent() && !(Files.isRegularFile(path.get()) && Files.isReadable(path.get()))) {
            throw new ConfigException(settings.label(flag) + " '" + path.get() + "': "
                    + (Files.exists(path.get()) ? "not a readable regular file" : "no such file")
                    + " (expected a readable file)");
        }
    }

    private static void requireDirectory(Optional<Path> path, Settings settings) {
        if (path.isPresent() && !Files.isDirectory(path.get())) {
            throw new ConfigException(settings.label(AUTH_SECRET_DIR) + " '" + path.get() + "': "
                    + (Files.exists(path.get()) ? "not a directory" : "no such directory")
                    + " (expected the directory of mounted secret files)");
        }
    }
}
