package io.turnfleet.bench.load;

import io.turnfleet.bench.traffic.Payload;
import io.turnfleet.bench.traffic.PeerMode;
import io.turnfleet.bench.traffic.TrafficPlan;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Everything a run is told on the command line. {@link #parse} checks every value and says what it
 * expected; the credential fields never appear in {@link #toString()}.
 */
public record LoadOptions(InetSocketAddress server, Mode mode, int allocations, int concurrency,
                          int rate, int window, int payloadSize, long durationNanos, long warmupNanos,
                          long lossTimeoutNanos, String user, Path authSecretFile, String restUser,
                          long restTtlSeconds, InetSocketAddress peerBind, InetAddress peerAdvertise,
                          InetAddress localIp, int localPortMin, int localPortMax, int serverPid,
                          int clockTicksPerSecond, Path readyFile, Path jsonOut, String label, String scenario,
                          int warmupAllocations, PeerMode peerMode) {

    /** Permissions last 300 s (RFC 8656 §9) and the generator does not refresh them. */
    static final long MAX_DURATION_NANOS = 240_000_000_000L;

    public static final String USAGE = """
            Usage: java -jar turnfleet-bench.jar [options]
              --server HOST:PORT        TURN server (UDP)                         [127.0.0.1:3478]
              --mode MODE               traffic | idle | allocate                 [traffic]
              --allocations N           allocations to open                       [100]
              --concurrency N           Allocate/ChannelBind/Refresh in flight    [64]
              --rate PPS                packets/s per allocation, 0 = flat out    [0]
              --window N                packets in flight per allocation (flat)   [8]
              --size BYTES              ChannelData payload, 20-1400              [100]
              --peer echo|pair          channels lead to the generator's echo peer, or to a
                                        partner allocation's relayed address      [echo]
              --duration DUR            measured window (idle: hold time)         [10s]
              --warmup DUR              unmeasured traffic before the window      [traffic: 2s]
              --warmup-allocations N    first allocate and delete N more allocations on
                                        sockets of their own, unmeasured          [0]
              --loss-timeout DUR        a packet not back by then is lost         [1s]
              --user NAME:PASSWORD      static long-term credentials
              --auth-secret-file FILE   TURN REST shared secret (file content, trailing newline stripped)
              --rest-user NAME          user part of REST usernames               [bench]
              --rest-ttl DUR            validity of REST credentials              [1h]
              --peer-bind IP:PORT       where the echo peer listens               [127.0.0.1:0]
              --peer-advertise IP       peer address sent in XOR-PEER-ADDRESS     [peer-bind IP]
              --local-ip IP             client sockets bind here                  [0.0.0.0]
              --local-ports MIN-MAX     client sockets bind in this range         [ephemeral]
              --server-pid PID          sample this process's CPU over the window (same host)
              --clock-ticks N           /proc clock ticks per second (getconf CLK_TCK) [100]
              --ready-file FILE         touched once all allocations are set up (idle: while holding)
              --json-out FILE           append the JSON line to FILE too
              --label TEXT              name of the server under test, in the report
              --scenario TEXT           name of the scenario, in the report
            Durations: 250ms, 10s, 5m, or a bare number of seconds. Exactly one of --user and
            --auth-secret-file is required.
            """;

    public static LoadOptions parse(String[] args) throws OptionException {
        Builder b = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--")) {
                throw new OptionException("'" + arg + "': expected an option starting with --");
            }
            if (eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg;
                if (i + 1 >= args.length) {
                    throw new OptionException(name + ": expected a value after it");
                }
                value = args[++i];
            }
            b.set(name, value);
        }
        return b.build();
    }

    public TrafficPlan trafficPlan() {
        return new TrafficPlan(rate, window, payloadSize, warmupNanos, durationNanos, lossTimeoutNanos, peerMode);
    }

    /** The peer address allocations bind their channel to. */
    public InetSocketAddress advertisedPeer(int boundPort) {
        return new InetSocketAddress(peerAdvertise != null ? peerAdvertise : peerBind.getAddress(), boundPort);
    }

    @Override
    public String toString() {
        return "LoadOptions[server=" + server + ", mode=" + mode + ", allocations=" + allocations
                + ", credentials=" + (user != null ? "static user" : "REST secret") + "]";
    }

    private static final class Builder {
        InetSocketAddress server = new InetSocketAddress(InetAddress.getLoopbackAddress(), 3478);
        Mode mode = Mode.TRAFFIC;
        int allocations = 100;
        int concurrency = 64;
        int rate;
        int window = 8;
        int size = 100;
        long duration = 10_000_000_000L;
        Long warmup;
        long lossTimeout = 1_000_000_000L;
        String user;
        Path authSecretFile;
        String restUser = "bench";
        long restTtl = 3600;
        InetSocketAddress peerBind = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        InetAddress peerAdvertise;
        InetAddress localIp;
        int localPortMin;
        int localPortMax;
        int serverPid;
        int clockTicks = 100;
        Path readyFile;
        Path jsonOut;
        String label = "";
        String scenario = "";
        int warmupAllocations;
        PeerMode peerMode = PeerMode.ECHO;

        void set(String name, String value) throws OptionException {
            switch (name) {
                case "--server" -> server = socketAddress(name, value);
                case "--mode" -> mode = mode(value);
                case "--allocations" -> allocations = integer(name, value, 1, 1_000_000);
                case "--concurrency" -> concurrency = integer(name, value, 1, 100_000);
                case "--rate" -> rate = integer(name, value, 0, 1_000_000);
                case "--window" -> window = integer(name, value, 1, 4096);
                case "--size" -> size = integer(name, value, Payload.MIN_SIZE, Payload.MAX_SIZE);
                case "--duration" -> duration = duration(name, value);
                case "--warmup" -> warmup = duration(name, value);
                case "--loss-timeout" -> lossTimeout = duration(name, value);
                case "--user" -> user = user(value);
                case "--auth-secret-file" -> authSecretFile = Path.of(value);
                case "--rest-user" -> restUser = nonEmpty(name, value);
                case "--rest-ttl" -> restTtl = duration(name, value) / 1_000_000_000L;
                case "--peer-bind" -> peerBind = socketAddress(name, value);
                case "--peer-advertise" -> peerAdvertise = address(name, value);
                case "--local-ip" -> localIp = address(name, value);
                case "--local-ports" -> portRange(name, value);
                case "--server-pid" -> serverPid = integer(name, value, 1, Integer.MAX_VALUE);
                case "--clock-ticks" -> clockTicks = integer(name, value, 1, 1_000_000);
                case "--ready-file" -> readyFile = Path.of(value);
                case "--json-out" -> jsonOut = Path.of(value);
                case "--label" -> label = value;
                case "--scenario" -> scenario = value;
                case "--warmup-allocations" -> warmupAllocations = integer(name, value, 0, 100_000);
                case "--peer" -> peerMode = peerMode(value);
                default -> throw new OptionException(name + ": unknown option (see --help)");
            }
        }

        LoadOptions build() throws OptionException {
            if ((user == null) == (authSecretFile == null)) {
                throw new OptionException("--user / --auth-secret-file: expected exactly one of them");
            }
            if (duration > MAX_DURATION_NANOS) {
                throw new OptionException("--duration: at most 240s (permissions expire after 300 s and are not refreshed)");
            }
            if (duration == 0) {
                throw new OptionException("--duration '0': expected a positive duration");
            }
            long warmupNanos = warmup != null ? warmup : (mode == Mode.TRAFFIC ? 2_000_000_000L : 0);
            if (duration + warmupNanos > MAX_DURATION_NANOS) {
                throw new OptionException("--warmup: warm-up plus duration must stay within 240s");
            }
            if (peerMode == PeerMode.PAIR && allocations % 2 != 0) {
                throw new OptionException("--peer pair: expected an even --allocations (got " + allocations + ")");
            }
            if (lossTimeout == 0) {
                throw new OptionException("--loss-timeout '0': expected a positive duration");
            }
            if (localPortMax > 0 && localPortMax - localPortMin + 1 < allocations + warmupAllocations) {
                throw new OptionException("--local-ports '" + localPortMin + "-" + localPortMax + "': the range holds "
                        + (localPortMax - localPortMin + 1) + " ports (expected at least --allocations "
                        + (warmupAllocations > 0 ? "plus --warmup-allocations " + (allocations + warmupAllocations)
                        : allocations) + ")");
            }
            return new LoadOptions(server, mode, allocations, concurrency, rate, window, size, duration, warmupNanos,
                    lossTimeout, user, authSecretFile, restUser, restTtl, peerBind, peerAdvertise, localIp,
                    localPortMin, localPortMax, serverPid, clockTicks, readyFile, jsonOut, label, scenario,
                    warmupAllocations, peerMode);
        }

        private void portRange(String name, String value) throws OptionException {
            int dash = value.indexOf('-');
            if (dash <= 0) {
                throw new OptionException(name + " '" + value + "': expected MIN-MAX within 1-65535");
            }
            localPortMin = integer(name, value.substring(0, dash), 1, 65535);
            localPortMax = integer(name, value.substring(dash + 1), 1, 65535);
            if (localPortMin > localPortMax) {
                throw new OptionException(name + " '" + value + "': MIN must not exceed MAX (expected MIN-MAX within 1-65535)");
            }
        }
    }

    static Mode mode(String value) throws OptionException {
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OptionException("--mode '" + value + "': expected traffic, idle or allocate");
        }
    }

    static PeerMode peerMode(String value) throws OptionException {
        try {
            return PeerMode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new OptionException("--peer '" + value + "': expected echo or pair");
        }
    }

    static String user(String value) throws OptionException {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            // The value is a credential: name it by shape only.
            throw new OptionException("--user: expected NAME:PASSWORD with a non-empty name");
        }
        return value;
    }

    static String nonEmpty(String name, String value) throws OptionException {
        if (value.isEmpty()) {
            throw new OptionException(name + ": expected a non-empty value");
        }
        return value;
    }

    static int integer(String name, String value, int min, int max) throws OptionException {
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below with the expected range
        }
        throw new OptionException(name + " '" + value + "': expected an integer from " + min + " to " + max);
    }

    /** 250ms, 10s, 5m, 1h or bare seconds, as nanoseconds. */
    static long duration(String name, String value) throws OptionException {
        String v = value.trim();
        long unit = 1_000_000_000L;
        String digits = v;
        if (v.endsWith("ms")) {
            unit = 1_000_000L;
            digits = v.substring(0, v.length() - 2);
        } else if (v.endsWith("s")) {
            digits = v.substring(0, v.length() - 1);
        } else if (v.endsWith("m")) {
            unit = 60_000_000_000L;
            digits = v.substring(0, v.length() - 1);
        } else if (v.endsWith("h")) {
            unit = 3_600_000_000_000L;
            digits = v.substring(0, v.length() - 1);
        }
        try {
            long amount = Long.parseLong(digits);
            if (amount >= 0 && amount <= 1_000_000) {
                return amount * unit;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new OptionException(name + " '" + value + "': expected a duration such as 250ms, 10s, 5m or 1h");
    }

    static InetAddress address(String name, String value) throws OptionException {
        if (!isIpLiteral(value)) {
            throw new OptionException(name + " '" + value + "': expected an IPv4 or IPv6 address");
        }
        try {
            return InetAddress.getByName(value);
        } catch (UnknownHostException e) {
            throw new OptionException(name + " '" + value + "': expected an IPv4 or IPv6 address");
        }
    }

    /** HOST:PORT or [IPv6]:PORT; a host name is resolved once. */
    static InetSocketAddress socketAddress(String name, String value) throws OptionException {
        int colon = value.lastIndexOf(':');
        String host = colon > 0 ? value.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            host = "";
        }
        if (host.isEmpty()) {
            throw new OptionException(name + " '" + value + "': expected HOST:PORT (IPv6 as [ADDRESS]:PORT)");
        }
        int port = integer(name, value.substring(colon + 1), 0, 65535);
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new OptionException(name + " '" + value + "': host " + host + " does not resolve");
        }
    }

    private static boolean isIpLiteral(String value) {
        return !value.isEmpty() && (value.contains(":") || value.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }
}
