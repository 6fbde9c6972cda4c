package io.turnfleet.relay.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import io.netty.util.concurrent.SingleThreadEventExecutor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.ExecutionException;
import java.util.function.DoubleSupplier;

/**
 * The relay's Prometheus metrics. Every counter series exists from construction on, so the counting
 * methods only index arrays of pre-registered counters: they are safe on the per-packet path (no tag
 * lookup, no boxing, no allocation). Labels are closed sets; nothing per user or per address.
 */
public final class RelayMetrics implements AutoCloseable {

    private static final String[] TRANSPORTS = {"udp", "tcp", "tls"};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Counter[] relayedBytes;
    private final Counter[] relayedPackets;
    private final Counter[][] requests;
    private final Counter[] authFailures;
    private final Counter[] quotaRejections;
    private final Counter peerPolicyRejections;
    private final Counter[] malformedPackets;
    private final Counter[] droppedPackets;
    private final Counter[] refusedConnections;
    private boolean statusBound;

    public RelayMetrics() {
        bindJvmAndProcessMetrics();
        Direction[] directions = Direction.values();
        relayedBytes = new Counter[directions.length];
        relayedPackets = new Counter[directions.length];
        for (Direction d : directions) {
            relayedBytes[d.ordinal()] = Counter.builder("turnfleet.relayed.bytes")
                    .description("Payload bytes relayed between clients and peers")
                    .baseUnit("bytes")
                    .tag("direction", d.label())
                    .register(registry);
            relayedPackets[d.ordinal()] = Counter.builder("turnfleet.relayed.packets")
                    .description("Packets relayed between clients and peers")
                    .tag("direction", d.label())
                    .register(registry);
        }
        RequestMethod[] methods = RequestMethod.values();
        requests = new Counter[methods.length][RequestResult.COUNT];
        for (RequestMethod m : methods) {
            for (int r = 0; r < RequestResult.COUNT; r++) {
                requests[m.ordinal()][r] = Counter.builder("turnfleet.requests")
                        .description("STUN/TURN requests answered, by method and result (success or error code)")
                        .tag("method", m.label())
                        .tag("result", RequestResult.label(r))
                        .register(registry);
            }
        }
        AuthFailure[] reasons = AuthFailure.values();
        authFailures = new Counter[reasons.length];
        for (AuthFailure a : reasons) {
            authFailures[a.ordinal()] = Counter.builder("turnfleet.auth.failures")
                    .description("Requests that failed authentication, by reason")
                    .tag("reason", a.label())
                    .register(registry);
        }
        Quota[] quotas = Quota.values();
        quotaRejections = new Counter[quotas.length];
        for (Quota q : quotas) {
            quotaRejections[q.ordinal()] = Counter.builder("turnfleet.quota.rejections")
                    .description("Requests or packets refused by a quota")
                    .tag("quota", q.label())
                    .register(registry);
        }
        peerPolicyRejections = Counter.builder("turnfleet.peer.policy.rejections")
                .description("Permissions and channel bindings refused because the peer address is denied")
                .register(registry);
        malformedPackets = new Counter[TRANSPORTS.length];
        for (int t = 0; t < TRANSPORTS.length; t++) {
            malformedPackets[t] = Counter.builder("turnfleet.malformed.packets")
                    .description("Packets that were neither valid STUN nor ChannelData")
                    .tag("transport", TRANSPORTS[t])
                    .register(registry);
        }
        DropReason[] drops = DropReason.values();
        droppedPackets = new Counter[drops.length];
        for (DropReason r : drops) {
            droppedPackets[r.ordinal()] = Counter.builder("turnfleet.dropped.packets")
                    .description("Relayed packets discarded, by reason")
                    .tag("reason", r.label())
                    .register(registry);
        }
        ConnectionRefusal[] refusals = ConnectionRefusal.values();
        refusedConnections = new Counter[refusals.length];
        for (ConnectionRefusal r : refusals) {
            refusedConnections[r.ordinal()] = Counter.builder("turnfleet.connections.refused")
                    .description("TCP/TLS client connections closed as soon as they were accepted, by reason")
                    .tag("reason", r.label())
                    .register(registry);
        }
    }

    private void bindJvmAndProcessMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
    }

    /**
     * Registers the gauges read from the engine: allocations, permissions, channels, capacity,
     * connections per transport, draining and ready. Separate from construction because the engine
     * that implements {@link RelayStatus} is itself built with these metrics.
     *
     * @throws IllegalStateException when a status is already bound
     */
    public synchronized void bindStatus(RelayStatus status) {
        if (statusBound) {
            throw new IllegalStateException("a RelayStatus is already bound to these metrics");
        }
        statusBound = true;
        Gauge.builder("turnfleet.allocations", status, RelayStatus::allocations)
                .description("Live allocations").strongReference(true).register(registry);
        Gauge.builder("turnfleet.permissions", status, RelayStatus::permissions)
                .description("Installed permissions").strongReference(true).register(registry);
        Gauge.builder("turnfleet.channels", status, RelayStatus::channels)
                .description("Bound channels").strongReference(true).register(registry);
        Gauge.builder("turnfleet.capacity", status, RelayStatus::capacity)
                .description("Allocation capacity of this relay, 0 = unlimited").strongReference(true).register(registry);
        for (String transport : TRANSPORTS) {
            Gauge.builder("turnfleet.connections", status, s -> s.connections(transport))
                    .description("Open client connections")
                    .tag("transport", transport)
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("turnfleet.draining", status, s -> s.draining() ? 1 : 0)
                .description("1 while draining after SIGTERM").strongReference(true).register(registry);
        Gauge.builder("turnfleet.ready", status, s -> Readiness.of(s) == Readiness.READY ? 1 : 0)
                .description("1 while accepting new allocations").strongReference(true).register(registry);
    }

    /**
     * Registers, per event loop, the CPU time its thread used ({@code rate()} of it is the share of a
     * core the loop keeps busy: a loop waiting in epoll uses none) and the tasks queued for it.
     *
     * @throws IllegalStateException when a loop's thread cannot be reached
     */
    public void bindEventLoops(EventExecutorGroup loops) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int index = 0;
        for (EventExecutor loop : loops) {
            String label = Integer.toString(index++);
            long threadId = threadIdOf(loop);
            FunctionCounter.builder("turnfleet.event.loop.cpu", threads,
                            t -> Math.max(0, t.getThreadCpuTime(threadId)) / 1e9)
                    .description("CPU time used by the event loop's thread")
                    .baseUnit("seconds")
                    .tag("loop", label)
                    .register(registry);
            if (loop instanceof SingleThreadEventExecutor executor) {
                Gauge.builder("turnfleet.event.loop.pending.tasks", executor, SingleThreadEventExecutor::pendingTasks)
                        .description("Tasks queued for the event loop")
                        .tag("loop", label)
                        .register(registry);
            }
        }
    }

    private static long threadIdOf(EventExecutor loop) {
        try {
            return loop.submit(() -> Thread.currentThread().getId()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reaching an event loop", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot reach an event loop thread", e);
        }
    }

    /**
     * Registers the expiry time of the TLS certificate in service, in seconds since the epoch, as
     * read by {@code notAfter} on every scrape (it changes when cert-manager renews the files).
     */
    public void bindTlsCertificateExpiry(DoubleSupplier notAfterEpochSeconds) {
        timestamp("turnfleet.tls.certificate.expiry",
                "Expiry (notAfter) of the TLS certificate in service, seconds since the epoch", notAfterEpochSeconds);
    }

    /**
     * Registers the drain deadline in seconds since the epoch: 0 until SIGTERM starts the drain, then
     * the moment by which the relay must have exited.
     */
    public void bindDrainDeadline(DoubleSupplier deadlineEpochSeconds) {
        timestamp("turnfleet.drain.deadline", "Drain deadline in seconds since the epoch; 0 while not draining",
                deadlineEpochSeconds);
    }

    private void timestamp(String name, String description, DoubleSupplier epochSeconds) {
        Gauge.builder(name, epochSeconds, DoubleSupplier::getAsDouble)
                .description(description)
                .baseUnit("timestamp_seconds")
                .strongReference(true)
                .register(registry);
    }

    /** Counts one relayed packet of {@code bytes} payload bytes. Hot path: allocation-free. */
    public void relayed(Direction direction, int bytes) {
        int d = direction.ordinal();
        relayedBytes[d].increment(bytes);
        relayedPackets[d].increment();
    }

    /**
     * Counts one answered request.
     *
     * @param resultCode 0 for a success response, else the STUN error code sent (codes without a
     *                   series of their own count as "other")
     */
    public void request(RequestMethod method, int resultCode) {
        requests[method.ordinal()][RequestResult.index(resultCode)].increment();
    }

    public void authFailure(AuthFailure reason) {
        authFailures[reason.ordinal()].increment();
    }

    public void quotaRejected(Quota quota) {
        quotaRejections[quota.ordinal()].increment();
    }

    public void peerPolicyRejected() {
        peerPolicyRejections.increment();
    }

    /**
     * Counts one packet that failed to parse.
     *
     * @param transport "udp", "tcp" or "tls"
     * @throws IllegalArgumentException for any other transport name
     */
    public void malformed(String transport) {
        malformedPackets[transportIndex(transport)].increment();
    }

    /** Counts one relayed packet that was discarded. Hot path: allocation-free. */
    public void dropped(DropReason reason) {
        droppedPackets[reason.ordinal()].increment();
    }

    /** Counts {@code count} relayed packets discarded at once (a send batch the kernel refused). */
    public void dropped(DropReason reason, int count) {
        droppedPackets[reason.ordinal()].increment(count);
    }

    public void connectionRefused(ConnectionRefusal reason) {
        refusedConnections[reason.ordinal()].increment();
    }

    /** Total payload bytes relayed in one direction since start. */
    public double relayedBytes(Direction direction) {
        return relayedBytes[direction.ordinal()].count();
    }

    /** Total packets relayed in one direction since start. */
    public double relayedPackets(Direction direction) {
        return relayedPackets[direction.ordinal()].count();
    }

    /** Writes every metric in the given exposition format. */
    public void scrape(OutputStream out, ScrapeFormat format) throws IOException {
        registry.scrape(out, format.contentType());
    }

    /** The underlying registry, to bind further meters (e.g. Netty allocator metrics). */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    private static int transportIndex(String transport) {
        switch (transport) {
            case "udp":
                return 0;
            case "tcp":
                return 1;
            case "tls":
                return 2;
            default:
                throw new IllegalArgumentException(
                        "transport '" + transport + "' is not one of udp, tcp, tls");
        }
    }
}
