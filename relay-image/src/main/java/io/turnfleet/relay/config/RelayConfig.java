package io.turnfleet.relay.config;

import io.turnfleet.relay.log.LogFormat;
import io.turnfleet.relay.log.LogLevel;
import io.turnfleet.relay.auth.StaticUser;
import io.turnfleet.relay.turn.Cidr;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The relay's validated configuration, one component per flag of {@link RelayFlags} (contract.md).
 * Built by {@link RelayConfigParser}; {@link #toString()} never shows a password.
 */
public record RelayConfig(
        List<ListenAddress> listen,
        String realm,
        List<StaticUser> users,
        Optional<Path> usersFile,
        Optional<Path> authSecretDir,
        boolean allowExpiredRefresh,
        List<InetAddress> relayIps,
        List<InetAddress> externalIps,
        Optional<Path> externalIpFile,
        Optional<Path> alternateServersFile,
        Optional<Path> fleetAddressesFile,
        PortRange relayPorts,
        List<Cidr> allowPeers,
        List<Cidr> denyPeers,
        boolean allowLoopbackPeers,
        int maxAllocations,
        int userQuota,
        long maxBandwidth,
        Duration maxLifetime,
        Duration nonceLifetime,
        int threads,
        InetSocketAddress adminListen,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        int maxUnauthenticatedConnectionsPerIp,
        int connectionRatePerIp,
        int connectionBurstPerIp,
        Duration tcpIdleTimeout,
        Duration tlsHandshakeTimeout,
        Duration drainTimeout,
        LogFormat logFormat,
        LogLevel logLevel,
        String software,
        UdpIo udpIo,
        Optional<Path> configFile) {

    public RelayConfig {
        listen = List.copyOf(listen);
        users = List.copyOf(users);
        relayIps = List.copyOf(relayIps);
        externalIps = List.copyOf(externalIps);
        allowPeers = List.copyOf(allowPeers);
        denyPeers = List.copyOf(denyPeers);
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(usersFile, "usersFile");
        Objects.requireNonNull(authSecretDir, "authSecretDir");
        Objects.requireNonNull(externalIpFile, "externalIpFile");
        Objects.requireNonNull(alternateServersFile, "alternateServersFile");
        Objects.requireNonNull(fleetAddressesFile, "fleetAddressesFile");
        Objects.requireNonNull(relayPorts, "relayPorts");
        Objects.requireNonNull(maxLifetime, "maxLifetime");
        Objects.requireNonNull(nonceLifetime, "nonceLifetime");
        Objects.requireNonNull(adminListen, "adminListen");
        Objects.requireNonNull(tlsCert, "tlsCert");
        Objects.requireNonNull(tlsKey, "tlsKey");
        Objects.requireNonNull(tcpIdleTimeout, "tcpIdleTimeout");
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        Objects.requireNonNull(software, "software");
        Objects.requireNonNull(udpIo, "udpIo");
        Objects.requireNonNull(configFile, "configFile");
    }

    /** The configuration with every default and no config file, as if the relay ran without flags. */
    public static RelayConfig defaults() {
        return RelayConfigParser.parse(new String[0], java.util.Map.of()).config();
    }

    /** True when a tls:// listener is configured. */
    public boolean hasTlsListener() {
        return listen.stream().anyMatch(l -> l.transport() == Transport.TLS);
    }
}
