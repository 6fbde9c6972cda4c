package io.turnfleet.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import io.turnfleet.bench.net.ClientDatagrams;
import io.turnfleet.bench.net.DatagramSockets;
import io.turnfleet.bench.net.DatagramTransport;
import io.turnfleet.bench.net.PeerGate;
import io.turnfleet.bench.report.CpuUsage;
import io.turnfleet.bench.report.ProcessCpu;
import io.turnfleet.bench.report.RunReport;
import io.turnfleet.bench.traffic.PeerMode;
import io.turnfleet.bench.traffic.TrafficPhase;
import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.ClientAllocation;
import io.turnfleet.bench.turn.Credentials;
import io.turnfleet.bench.turn.Operation;
import io.turnfleet.bench.turn.SetupDriver;
import io.turnfleet.bench.turn.SetupResult;
import io.turnfleet.relay.stun.ChannelData;
import io.turnfleet.relay.stun.StunMessage;
import io.turnfleet.relay.stun.StunParseException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One generator run: opens the client sockets and the echo peer on a single event loop, then
 * allocates, binds channels, relays traffic or holds idle, and deletes the allocations with
 * Refresh 0, timing each step. Every piece of run state is touched only on the event loop; the
 * calling thread only sequences the steps and waits.
 */
public final class LoadRun implements ClientDatagrams, PeerGate {
    private static final long SETUP_TIMER_MILLIS = 50;
    private static final long TICK_MICROS = 250;
    private static final long SWEEP_MILLIS = 50;
    private static final long PROGRESS_SECONDS = 5;

    private final LoadOptions options;
    private final DatagramTransport transport = DatagramTransport.best();
    private final StunMessage response = new StunMessage();
    private final SetupDriver driver = new SetupDriver(System::nanoTime);
    private TrafficPhase traffic;
    private long unexpectedDatagrams;
    private long socketErrors;
    private long strayOutsideTraffic;
    private long serverTicksAtOpen;
    private long generatorTicksAtOpen;
    private CpuUsage serverCpu;
    private CpuUsage generatorCpu;
    private String cpuSamplingError;
    private DatagramSockets sockets;

    public LoadRun(LoadOptions options) {
        this.options = options;
    }

    public RunReport run() throws IOException, InterruptedException {
        Instant startedAt = Instant.now();
        Credentials credentials = credentials();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, transport.ioHandlerFactory());
        try {
            EventLoop loop = group.next();
            sockets = new DatagramSockets(transport, loop, options.server(), options.localIp(),
                    options.localPortMin(), options.localPortMax());
            Channel peer = bindPeer();
            InetSocketAddress peerAddress = options.advertisedPeer(((InetSocketAddress) peer.localAddress()).getPort());
            List<ClientAllocation> all = new ArrayList<>(options.allocations());
            for (int id = 0; id < options.allocations(); id++) {
                all.add(new ClientAllocation(id, channelNumber(id), peerAddress, credentials, driver));
            }
            List<Channel> clients = sockets.openClients(all, this);
            ScheduledFuture<?> setupTimer = loop.scheduleAtFixedRate(driver::onTimer, SETUP_TIMER_MILLIS,
                    SETUP_TIMER_MILLIS, TimeUnit.MILLISECONDS);
            if (options.warmupAllocations() > 0) {
                warmUpControlPath(loop, credentials, peerAddress);
            }

            SetupResult allocate = setup(loop, Operation.ALLOCATE, all);
            SetupResult channelBind = null;
            List<ClientAllocation> established = all.stream().filter(a -> a.relayed() != null).toList();
            if (options.mode() != Mode.ALLOCATE) {
                channelBind = bindChannels(loop, all, established);
                established = options.peerMode() == PeerMode.PAIR ? completePairs(all)
                        : established.stream().filter(ClientAllocation::channelBound).toList();
            }
            if (options.readyFile() != null) {
                Files.writeString(options.readyFile(), established.size() + "\n", StandardCharsets.UTF_8);
            }
            TrafficResult trafficResult = null;
            if (options.mode() == Mode.TRAFFIC && !established.isEmpty()) {
                trafficResult = relay(loop, established);
            } else if (options.mode() == Mode.IDLE) {
                TimeUnit.NANOSECONDS.sleep(options.durationNanos());
            }
            SetupResult refreshZero = setup(loop, Operation.REFRESH_ZERO,
                    all.stream().filter(a -> a.relayed() != null).toList());
            setupTimer.cancel(false);
            for (Channel client : clients) {
                client.close();
            }
            peer.close().syncUninterruptibly();
            if (cpuSamplingError != null) {
                throw new IOException("could not sample CPU time: " + cpuSamplingError);
            }
            return report(loop, startedAt, allocate, channelBind, refreshZero, trafficResult);
        } finally {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Allocates and deletes a batch of allocations on sockets of their own, unmeasured, so that the
     * JIT of both sides and the server's caches are warm for the measured batch. Own sockets,
     * because a server may hold a deleted allocation's 5-tuple for a while (coturn answers 437).
     */
    private void warmUpControlPath(EventLoop loop, Credentials credentials, InetSocketAddress peer)
            throws InterruptedException, IOException {
        List<ClientAllocation> batch = new ArrayList<>(options.warmupAllocations());
        for (int i = 0; i < options.warmupAllocations(); i++) {
            int id = options.allocations() + i;
            batch.add(new ClientAllocation(id, channelNumber(id), peer, credentials, driver));
        }
        List<Channel> clients = sockets.openClients(batch, this);
        setup(loop, Operation.ALLOCATE, batch);
        setup(loop, Operation.REFRESH_ZERO, batch.stream().filter(a -> a.relayed() != null).toList());
        for (Channel client : clients) {
            client.close();
        }
    }

    private SetupResult bindChannels(EventLoop loop, List<ClientAllocation> all, List<ClientAllocation> allocated)
            throws InterruptedException, IOException {
        return setup(loop, Operation.CHANNEL_BIND, options.peerMode() == PeerMode.PAIR ? pairUp(all) : allocated);
    }

    private RunReport report(EventLoop loop, Instant startedAt, SetupResult allocate, SetupResult channelBind,
                             SetupResult refreshZero, TrafficResult trafficResult) {
        long unexpected = loopValue(loop, () -> unexpectedDatagrams + strayOutsideTraffic);
        return new RunReport(options.label(), options.scenario(), startedAt, address(options.server()),
                transport.name(), options.mode().name().toLowerCase(java.util.Locale.ROOT),
                options.peerMode().name().toLowerCase(java.util.Locale.ROOT),
                options.allocations(), options.payloadSize(), options.rate(), options.window(),
                options.warmupNanos() / 1e9, options.durationNanos() / 1e9, allocate, channelBind, refreshZero,
                trafficResult, serverCpu, generatorCpu, unexpected, loopValue(loop, () -> socketErrors));
    }

    /** Points each allocation of a pair (0-1, 2-3, ...) at the other's relayed address; returns those to bind. */
    private static List<ClientAllocation> pairUp(List<ClientAllocation> all) {
        List<ClientAllocation> bindable = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            ClientAllocation a = all.get(i);
            ClientAllocation b = all.get(i + 1);
            if (a.relayed() != null && b.relayed() != null) {
                a.bindTo(b.relayed());
                b.bindTo(a.relayed());
                bindable.add(a);
                bindable.add(b);
            }
        }
        return bindable;
    }

    /** The pairs whose both channels are bound, still adjacent. */
    private static List<ClientAllocation> completePairs(List<ClientAllocation> all) {
        List<ClientAllocation> complete = new ArrayList<>();
        for (int i = 0; i + 1 < all.size(); i += 2) {
            if (all.get(i).channelBound() && all.get(i + 1).channelBound()) {
                complete.add(all.get(i));
                complete.add(all.get(i + 1));
            }
        }
        return complete;
    }

    private static int channelNumber(int id) {
        return ChannelData.MIN_NUMBER + (id % (ChannelData.MAX_NUMBER - ChannelData.MIN_NUMBER + 1));
    }

    private Channel bindPeer() throws IOException {
        try {
            return sockets.bindPeer(options.peerBind(), this);
        } catch (IOException e) {
            throw new IOException("--peer-bind " + address(options.peerBind()) + ": " + e.getMessage(), e);
        }
    }

    private Credentials credentials() throws IOException {
        if (options.user() != null) {
            return Credentials.staticUser(options.user());
        }
        byte[] secret = Files.readString(options.authSecretFile(), StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8);
        if (secret.length == 0) {
            throw new IOException("--auth-secret-file " + options.authSecretFile() + ": the file is empty");
        }
        long expiry = System.currentTimeMillis() / 1000 + options.restTtlSeconds();
        return Credentials.rest(secret, options.restUser(), expiry);
    }

    private SetupResult setup(EventLoop loop, Operation operation, List<ClientAllocation> targets)
            throws InterruptedException, IOException {
        CompletableFuture<SetupResult> done = new CompletableFuture<>();
        long serverTicksBefore = serverTicks();
        loop.execute(() -> driver.start(operation, targets, options.concurrency(), done::complete));
        // Every transaction ends by itself (answer or retransmission limit); this bound only guards bugs.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60 + 10L * (targets.size() / options.concurrency() + 1));
        while (true) {
            try {
                SetupResult result = done.get(PROGRESS_SECONDS, TimeUnit.SECONDS);
                return serverTicksBefore < 0 ? result : result.withServerCpuSeconds(
                        (double) (serverTicks() - serverTicksBefore) / options.clockTicksPerSecond());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IOException(operation.displayName() + " failed: " + e.getCause(), e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IOException(operation.displayName() + " batch did not finish in time");
                }
                // A slow or silent server should not look like a hung generator.
                System.err.println("turnfleet-bench: " + loop.submit(driver::progress).syncUninterruptibly().getNow());
            }
        }
    }

    /** The server's CPU ticks so far, or -1 when its process was not given. */
    private long serverTicks() throws IOException {
        if (options.serverPid() <= 0) {
            return -1;
        }
        try {
            return ProcessCpu.ticks(options.serverPid());
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new IOException("could not sample CPU time of --server-pid " + options.serverPid() + ": "
                    + e.getMessage(), e);
        }
    }

    private TrafficResult relay(EventLoop loop, List<ClientAllocation> established)
            throws InterruptedException, IOException {
        CompletableFuture<TrafficResult> done = new CompletableFuture<>();
        List<ScheduledFuture<?>> timers = new ArrayList<>();
        loop.execute(() -> {
            traffic = new TrafficPhase(established, options.trafficPlan(), new CpuSampler());
            traffic.start(System.nanoTime());
            timers.add(loop.scheduleAtFixedRate(() -> {
                traffic.onTick(System.nanoTime());
                if (traffic.done() && !done.isDone()) {
                    done.complete(traffic.result());
                }
            }, TICK_MICROS, TICK_MICROS, TimeUnit.MICROSECONDS));
            timers.add(loop.scheduleAtFixedRate(() -> traffic.onSweep(System.nanoTime()), SWEEP_MILLIS,
                    SWEEP_MILLIS, TimeUnit.MILLISECONDS));
        });
        long boundSeconds = 60 + (options.warmupNanos() + options.durationNanos() + options.lossTimeoutNanos()) / 1_000_000_000L;
        try {
            return await(done, boundSeconds, "traffic");
        } finally {
            loop.submit(() -> {
                timers.forEach(t -> t.cancel(false));
                traffic = null;
            }).syncUninterruptibly();
        }
    }

    private static <T> T await(CompletableFuture<T> future, long seconds, String what)
            throws InterruptedException, IOException {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(what + " failed: " + e.getCause(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IOException(what + " did not finish within " + seconds + " s");
        }
    }

    private static long loopValue(EventLoop loop, java.util.concurrent.Callable<Long> read) {
        return loop.submit(read).syncUninterruptibly().getNow();
    }

    @Override
    public void onDatagram(ClientAllocation allocation, ByteBuf datagram) {
        long now = System.nanoTime();
        if (datagram.isReadable() && ChannelData.looksLikeChannelData(datagram.getUnsignedByte(datagram.readerIndex()))) {
            if (traffic != null) {
                traffic.onEcho(allocation, datagram, now);
            } else {
                strayOutsideTraffic++;
            }
            return;
        }
        try {
            response.readFrom(datagram);
        } catch (StunParseException e) {
            unexpectedDatagrams++;
            return;
        }
        allocation.onResponse(response, now);
    }

    @Override
    public void onSocketError(ClientAllocation allocation, Throwable cause) {
        socketErrors++;
    }

    @Override
    public boolean admit(int sourcePort) {
        return traffic != null && traffic.onPeerPacket(sourcePort);
    }

    @Override
    public void onSocketError(Throwable cause) {
        socketErrors++;
    }

    private static String address(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Samples server and generator CPU time when the measured window opens and closes. */
    private final class CpuSampler implements TrafficPhase.WindowListener {
        private long openedAt;

        @Override
        public void opened(long now) {
            openedAt = now;
            try {
                generatorTicksAtOpen = ProcessCpu.ticks(0);
                if (options.serverPid() > 0) {
                    serverTicksAtOpen = ProcessCpu.ticks(options.serverPid());
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                cpuSamplingError = e.getMessage();
            }
        }

        @Override
        public void closed(long now) {
            double window = (now - openedAt) / 1e9;
            try {
                generatorCpu = CpuUsage.between(0, generatorTicksAtOpen, ProcessCpu.ticks(0),
                        options.clockTicksPerSecond(), window);
                if (options.serverPid() > 0) {
                    serverCpu = CpuUsage.between(options.serverPid(), serverTicksAtOpen,
                            ProcessCpu.ticks(options.serverPid()), options.clockTicksPerSecond(), window);
                }
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                cpuSamplingError = e.getMessage();
            }
        }
    }
}
