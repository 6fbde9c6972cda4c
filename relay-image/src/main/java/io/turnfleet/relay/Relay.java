package io.turnfleet.relay;

import io.netty.util.NetUtil;
import io.turnfleet.relay.admin.AdminServer;
import io.turnfleet.relay.admin.LoadMeter;
import io.turnfleet.relay.admin.RelayMetrics;
import io.turnfleet.relay.auth.CredentialChecker;
import io.turnfleet.relay.auth.EphemeralCredentials;
import io.turnfleet.relay.auth.FileReloader;
import io.turnfleet.relay.auth.LongTermCredentials;
import io.turnfleet.relay.auth.Nonces;
import io.turnfleet.relay.auth.SharedSecrets;
import io.turnfleet.relay.auth.SourceRateLimit;
import io.turnfleet.relay.auth.StaticUsers;
import io.turnfleet.relay.config.ConfigException;
import io.turnfleet.relay.config.ListenAddress;
import io.turnfleet.relay.config.RelayConfig;
import io.turnfleet.relay.config.UdpIo;
import io.turnfleet.relay.config.Transport;
import io.turnfleet.relay.fleet.AlternateServers;
import io.turnfleet.relay.fleet.Drain;
import io.turnfleet.relay.fleet.FleetAddresses;
import io.turnfleet.relay.net.IoTransport;
import io.turnfleet.relay.net.OwnAddressSource;
import io.turnfleet.relay.net.PeerConnections;
import io.turnfleet.relay.net.RelayAddresses;
import io.turnfleet.relay.net.RelayContext;
import io.turnfleet.relay.net.RelayServer;
import io.turnfleet.relay.net.TlsContext;
import io.turnfleet.relay.turn.AllocationQuota;
import io.turnfleet.relay.turn.PeerAddressPolicy;
import io.turnfleet.relay.turn.RelayPortPool;
import io.turnfleet.relay.turn.ReservationTokens;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running relay, assembled from its configuration: credentials and the files they reload from,
 * the TURN engine and its sockets, the admin endpoints. Started by {@link RelayMain}; tests start it
 * in-process the same way.
 */
public final class Relay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Relay.class);
    /**
     * 401 answers per source address that has not authenticated since: a burst that covers a NAT full
     * of clients starting calls at once (authenticated requests earn challenges back), a rate far too
     * small to reflect anything worth sending (about 10 KB/s).
     */
    private static final double CHALLENGES_PER_SECOND = 100;
    private static final int CHALLENGE_BURST = 500;

    private final RelayConfig config;
    private final RelayServer server;
    private final FileReloader reloader;
    private final RelayMetrics metrics;
    private final AdminServer admin;
    private final ScheduledExecutorService sampler;
    private final InetSocketAddress adminAddress;

    private Relay(RelayConfig config, RelayServer server, FileReloader reloader, RelayMetrics metrics,
                  AdminServer admin, ScheduledExecutorService sampler, InetSocketAddress adminAddress) {
        this.config = config;
        this.server = server;
        this.reloader = reloader;
        this.metrics = metrics;
        this.admin = admin;
        this.sampler = sampler;
        this.adminAddress = adminAddress;
    }

    public static Relay start(RelayConfig config) throws IOException {
        return start(config, IoTransport.select(false));
    }

    public static Relay start(RelayConfig config, IoTransport io) throws IOException {
        FileReloader reloader = new FileReloader();
        RelayMetrics metrics = new RelayMetrics();
        RelayServer server = null;
        AdminServer admin = null;
        ScheduledExecutorService sampler = null;
        try {
            RelayContext context = context(config, io, reloader, metrics);
            TlsContext tls = tls(config, reloader);
            server = RelayServer.start(context, config, tls);
            metrics.bindStatus(server);
            metrics.bindEventLoops(server.loops());
            metrics.bindDrainDeadline(drainDeadline(context.drain()));
            if (tls != null) {
                metrics.bindTlsCertificateExpiry(tls::notAfterEpochSeconds);
            }
            LoadMeter load = LoadMeter.onSystemClock(server, metrics);
            sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "turnfleet-load-sampler");
                thread.setDaemon(true);
                return thread;
            });
            sampler.scheduleAtFixedRate(load::sample, 1, 1, TimeUnit.SECONDS);
            admin = new AdminServer(config.adminListen(), server, metrics, load);
            InetSocketAddress adminAddress = admin.start();
            reloader.start();
            LOG.info("relay ready: " + String.join(" ", turnUris(context.addresses(), server.boundListeners()))
                    + " realm " + config.realm() + ", relay ports " + config.relayPorts() + ", admin http://"
                    + adminAddress.getHostString() + ":" + adminAddress.getPort());
            return new Relay(config, server, reloader, metrics, admin, sampler, adminAddress);
        } catch (IOException | RuntimeException e) {
            closeQuietly(reloader, server, admin, sampler, metrics);
            throw e;
        }
    }

    private static RelayContext context(RelayConfig config, IoTransport io, FileReloader reloader,
                                        RelayMetrics metrics) throws IOException {
        SecureRandom random = new SecureRandom();
        RelayPortPool ports = new RelayPortPool(config.relayPorts().min(), config.relayPorts().max(), random);
        RelayAddresses addresses = RelayAddresses.forConfig(config);
        reloader.register(addresses);
        List<Integer> listenPorts = config.listen().stream().map(l -> l.address().getPort()).toList();
        AlternateServers alternates = config.alternateServersFile()
                .map(file -> new AlternateServers(file, address -> listenPorts.contains(address.getPort())
                        && addresses.advertised().contains(address.getAddress())))
                .orElseGet(AlternateServers::none);
        reloader.register(alternates);
        alternates.refresh();
        OwnAddressSource own = OwnAddressSource.forConfig(config, addresses, alternates,
                fleetAddresses(config, reloader));
        reloader.register(own);
        return new RelayContext(config.realm(), config.software(), config.maxLifetime().toSeconds(),
                config.maxBandwidth(), config.allowExpiredRefresh(), credentials(config, reloader),
                new Nonces(config.nonceLifetime(), true),
                new SourceRateLimit(CHALLENGES_PER_SECOND, CHALLENGE_BURST),
                new AllocationQuota(config.maxAllocations(), config.userQuota()), ports,
                new ReservationTokens(ports, random),
                new PeerAddressPolicy(config.allowPeers(), config.denyPeers(), config.allowLoopbackPeers()), own,
                metrics, addresses, new Drain(), alternates, io, new PeerConnections(),
                config.udpIo() == UdpIo.NATIVE && io.supportsNativeUdp() ? UdpIo.NATIVE : UdpIo.NETTY);
    }

    /** The addresses of the fleet's relay nodes, read now and re-read on change; none without the flag. */
    private static Supplier<List<InetAddress>> fleetAddresses(RelayConfig config, FileReloader reloader) {
        if (config.fleetAddressesFile().isEmpty()) {
            return List::of;
        }
        FleetAddresses file = new FleetAddresses(config.fleetAddressesFile().get());
        reloader.register(file);
        file.refresh();
        return file::addresses;
    }

    /** The drain deadline on the wall clock, for the metric; 0 while not draining. */
    private static DoubleSupplier drainDeadline(Drain drain) {
        return () -> drain.isDraining()
                ? System.currentTimeMillis() / 1e3 + (drain.deadlineNanos() - System.nanoTime()) / 1e9
                : 0;
    }

    /** @throws ConfigException when the files don't hold a usable certificate chain and key */
    private static TlsContext tls(RelayConfig config, FileReloader reloader) {
        if (config.tlsCert().isEmpty() || config.tlsKey().isEmpty()) {
            return null;
        }
        TlsContext tls;
        try {
            tls = TlsContext.load(config.tlsCert().get(), config.tlsKey().get());
        } catch (IOException e) {
            throw new ConfigException(e.getMessage(), e);
        }
        reloader.register(tls);
        return tls;
    }

    private static CredentialChecker credentials(RelayConfig config, FileReloader reloader) throws IOException {
        StaticUsers users = new StaticUsers(config.realm(), config.users(), config.usersFile().orElse(null));
        reloader.register(users);
        if (config.authSecretDir().isEmpty()) {
            return new LongTermCredentials(users);
        }
        SharedSecrets secrets = new SharedSecrets(config.authSecretDir().get());
        reloader.register(secrets);
        return new LongTermCredentials(users, new EphemeralCredentials(config.realm(), secrets));
    }

    /**
     * The URIs clients use (RFC 7065): each advertised address with each listener of its family,
     * {@code turns:} for TLS listeners.
     */
    static List<String> turnUris(RelayAddresses addresses, List<ListenAddress> listeners) {
        List<String> uris = new ArrayList<>();
        for (InetAddress advertised : addresses.advertised()) {
            String host = advertised instanceof Inet6Address
                    ? "[" + NetUtil.toAddressString(advertised) + "]" : advertised.getHostAddress();
            for (ListenAddress listener : listeners) {
                if (listener.address().getAddress().getClass() == advertised.getClass()) {
                    String scheme = listener.transport() == Transport.TLS ? "turns:" : "turn:";
                    String transport = listener.transport() == Transport.UDP ? "udp" : "tcp";
                    uris.add(scheme + host + ":" + listener.address().getPort() + "?transport=" + transport);
                }
            }
        }
        return uris;
    }

    public RelayConfig config() {
        return config;
    }

    public RelayServer server() {
        return server;
    }

    public InetSocketAddress adminAddress() {
        return adminAddress;
    }

    public List<ListenAddress> listeners() {
        return server.boundListeners();
    }

    /** The bound address of the first listener of this transport. */
    public InetSocketAddress listenAddress(Transport transport) {
        return server.boundListeners().stream().filter(l -> l.transport() == transport).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + transport.scheme() + " listener"))
                .address();
    }

    /**
     * Drains (design.md): readiness false, no new allocations, existing ones relay until they end or
     * --drain-timeout passes; then stops everything.
     */
    public void drainAndClose() throws InterruptedException {
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        if (server.context().drain().start(deadline)) {
            LOG.info("draining: " + server.allocations() + " allocations left, deadline in "
                    + config.drainTimeout().toSeconds() + " s");
        }
        server.awaitDrained();
        LOG.info("drained: " + server.allocations() + " allocations left; stopping");
        close();
    }

    @Override
    public void close() {
        closeQuietly(reloader, server, admin, sampler, metrics);
    }

    private static void closeQuietly(FileReloader reloader, RelayServer server, AdminServer admin,
                                     ScheduledExecutorService sampler, RelayMetrics metrics) {
        reloader.close();
        if (sampler != null) {
            sampler.shutdownNow();
        }
        if (admin != null) {
            admin.close();
        }
        if (server != null) {
            server.close();
        }
        metrics.close();
    }
}
