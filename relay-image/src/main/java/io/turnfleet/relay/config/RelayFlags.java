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

import static io.turnfleet.relay.config.Flag.Source.COMMAND_LINE;
import static io.turnfleet.relay.config.Flag.Source.ENVIRONMENT;

/**
 * The relay's settings, in the order --help lists them. The flag names are the contract with the
 * operator and outside tools (design.md); parsing, --help and the README's table all come from here.
 */
public final class RelayFlags {

    public static final Flag<ListenAddress> LISTEN = Flag.repeatable("listen", "URI", ListenAddress::parse)
            .defaultValue("udp://0.0.0.0:3478")
            .description("Client listener: udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478.");
    public static final Flag<String> REALM = Flag.single("realm", "STRING", ConfigValues::realm)
            .defaultValue("turnfleet")
            .description("Long-term credential realm, at most 32 bytes (keeps every 401 within 3x the request).");
    public static final Flag<StaticUser> USER = Flag.repeatable("user", "NAME:PASSWORD", StaticUser::parse)
            .description("Static user; the password may contain ':' (split at the first ':').");
    public static final Flag<Path> USERS_FILE = Flag.single("users-file", "PATH", ConfigValues::path)
            .description("File of name:password lines; '#' comments and blank lines ignored; re-read on change.");
    public static final Flag<Path> AUTH_SECRET_DIR = Flag.single("auth-secret-dir", "PATH", ConfigValues::path)
            .description("Directory of TURN REST shared secrets, one per regular file (hidden entries such as"
                    + " ..data skipped, symlinks followed); re-read within 5 s of a change.");
    public static final Flag<Boolean> ALLOW_EXPIRED_REFRESH = Flag.bool("allow-expired-refresh")
            .defaultValue("true")
            .description("Let an expired REST credential still refresh the allocation it created, and its permissions and channels.");
    public static final Flag<InetAddress> RELAY_IP = Flag.repeatable("relay-ip", "IP", ConfigValues::bindAddress)
            .defaultText("derived")
            .description("Bind address of relay sockets, at most one per address family.");
    public static final Flag<InetAddress> EXTERNAL_IP = Flag.repeatable("external-ip", "IP", ConfigValues::advertisedAddress)
            .defaultText("derived")
            .description("Advertised relay address (XOR-RELAYED-ADDRESS), at most one per address family.");
    public static final Flag<Path> EXTERNAL_IP_FILE = Flag.single("external-ip-file", "PATH", ConfigValues::path)
            .description("File of advertised IPs (one per line, or comma/space separated); re-read; the relay is"
                    + " not ready until it yields an address. Excludes --external-ip.");
    public static final Flag<Path> ALTERNATE_SERVERS_FILE = Flag.single("alternate-servers-file", "PATH", ConfigValues::path)
            .description("File of 'IP:PORT [tcp=PORT] [tls=PORT] [domain=NAME]' lines ([v6]:port for IPv6) of"
                    + " ready relays of the fleet, offered as 300 Try Alternate while draining or at capacity; re-read.");
    public static final Flag<Path> FLEET_ADDRESSES_FILE = Flag.single("fleet-addresses-file", "PATH", ConfigValues::path)
            .description("File of IP addresses, one per line ('#' comments), of every relay node of the fleet;"
                    + " own addresses like --relay-ip (peers only inside --relay-ports); re-read.");
    public static final Flag<PortRange> RELAY_PORTS = Flag.single("relay-ports", "MIN-MAX", PortRange::parse)
            .defaultValue("49152-65535")
            .description("Relay port range, at least 2 ports.");
    public static final Flag<Cidr> ALLOW_PEER = Flag.repeatable("allow-peer", "CIDR", Cidr::parse)
            .description("Peer range allowed in addition to the public defaults (opens private ranges; never"
                    + " loopback, link-local, multicast or unspecified).");
    public static final Flag<Cidr> DENY_PEER = Flag.repeatable("deny-peer", "CIDR", Cidr::parse)
            .description("Peer range denied; wins over --allow-peer.");
    public static final Flag<Boolean> ALLOW_LOOPBACK_PEERS = Flag.bool("allow-loopback-peers")
            .description("Permit 127.0.0.0/8 and ::1 peers (tests only).");
    public static final Flag<Integer> MAX_ALLOCATIONS = Flag.single("max-allocations", "INT",
                    ConfigValues.integer(0, Integer.MAX_VALUE, "an integer >= 0, 0 = unlimited"))
            .defaultValue("0")
            .description("Total allocation capacity of this relay; 0 = unlimited.");
    public static final Flag<Integer> USER_QUOTA = Flag.single("user-quota", "INT",
                    ConfigValues.integer(0, Integer.MAX_VALUE, "an integer >= 0, 0 = unlimited"))
            .defaultValue("64")
            .description("Allocations per username, so one leaked credential cannot empty the relay port range; 0 = unlimited.");
    public static final Flag<Long> MAX_BANDWIDTH = Flag.single("max-bandwidth", "BYTES_PER_SECOND",
                    ConfigValues::nonNegativeLong)
            .defaultValue("0")
            .description("Relayed bandwidth per allocation in bytes per second; 0 = unlimited.");
    public static final Flag<Duration> MAX_LIFETIME = Flag.single("max-lifetime", "DURATION",
                    ConfigValues.duration(Duration.ofSeconds(1)))
            .defaultValue("3600s")
            .description("Cap on allocation lifetime.");
    public static final Flag<Duration> NONCE_LIFETIME = Flag.single("nonce-lifetime", "DURATION",
                    ConfigValues.duration(Duration.ofSeconds(1)))
            .defaultValue("600s")
            .description("Validity of a NONCE before 438 Stale Nonce.");
    public static final Flag<Integer> THREADS = Flag.single("threads", "INT",
                    ConfigValues.integer(1, 1024, "an integer within 1-1024"))
            .defaultValue(String.valueOf(Runtime.getRuntime().availableProcessors()))
            .defaultText("number of cores")
            .description("Event loops; one UDP listener socket per loop (SO_REUSEPORT).");
    public static final Flag<InetSocketAddress> ADMIN_LISTEN = Flag.single("admin-listen", "IP:PORT",
                    ConfigValues::socketAddress)
            .defaultValue("0.0.0.0:9641")
            .description("Admin HTTP listener: /metrics /healthz /readyz /load.");
    public static final Flag<Path> TLS_CERT = Flag.single("tls-cert", "PATH", ConfigValues::path)
            .description("PEM certificate chain for tls:// listeners; re-read on change.");
    public static final Flag<Path> TLS_KEY = Flag.single("tls-key", "PATH", ConfigValues::path)
            .description("PEM PKCS#8 private key for tls:// listeners; re-read on change.");
    public static final Flag<Integer> MAX_UNAUTHENTICATED_CONNECTIONS_PER_IP = Flag.single(
                    "max-unauthenticated-connections-per-ip", "INT",
                    ConfigValues.integer(0, Integer.MAX_VALUE, "an integer >= 0, 0 = unlimited"))
            .defaultValue("256")
            .description("Open TCP/TLS connections per client IP address (IPv6: per /64) on which no request has"
                    + " passed MESSAGE-INTEGRITY yet; more are closed at once; 0 = unlimited. Authenticated"
                    + " connections are not capped, so users behind one NAT address are not either.");
    public static final Flag<Integer> CONNECTION_RATE_PER_IP = Flag.single("connection-rate-per-ip", "INT",
                    ConfigValues.integer(0, 1_000_000, "an integer within 0-1000000, 0 = unlimited"))
            .defaultValue("100")
            .description("New TCP/TLS connections per second per client IP address (IPv6: per /64), sustained;"
                    + " more are closed at once; 0 = unlimited.");
    public static final Flag<Integer> CONNECTION_BURST_PER_IP = Flag.single("connection-burst-per-ip", "INT",
                    ConfigValues.integer(1, 1_000_000, "an integer within 1-1000000"))
            .defaultValue("1000")
            .description("New TCP/TLS connections a quiet client IP address may open at once before"
                    + " --connection-rate-per-ip applies.");
    /** Kept only so that setting it fails with a message saying what replaced it. */
    public static final Flag<String> MAX_CONNECTIONS_PER_IP = Flag.single("max-connections-per-ip", "INT",
                    String::valueOf)
            .description("Removed; setting it is an error. It capped authenticated connections too, which broke"
                    + " users behind one NAT address: use --max-unauthenticated-connections-per-ip and"
                    + " --connection-rate-per-ip.");
    public static final Flag<Duration> TCP_IDLE_TIMEOUT = Flag.single("tcp-idle-timeout", "DURATION",
                    ConfigValues.duration(Duration.ofSeconds(1)))
            .defaultValue("120s")
            .description("A TCP/TLS connection without an allocation that stays silent this long is closed.");
    public static final Flag<Duration> TLS_HANDSHAKE_TIMEOUT = Flag.single("tls-handshake-timeout", "DURATION",
                    ConfigValues.duration(Duration.ofMillis(100)))
            .defaultValue("10s")
            .description("Longest TLS handshake before the connection is closed.");
    public static final Flag<Duration> DRAIN_TIMEOUT = Flag.single("drain-timeout", "DURATION",
                    ConfigValues.duration(Duration.ZERO))
            .defaultValue("300s")
            .description("Longest drain after SIGTERM.");
    public static final Flag<LogFormat> LOG_FORMAT = Flag.single("log-format", "text|json",
                    ConfigValues.oneOf(LogFormat.class))
            .defaultValue("text")
            .description("One log line per event, as text or JSON.");
    public static final Flag<LogLevel> LOG_LEVEL = Flag.single("log-level", "error|warn|info|debug",
                    ConfigValues.oneOf(LogLevel.class))
            .defaultValue("info")
            .description("Least severe level logged.");
    public static final Flag<UdpIo> UDP_IO = Flag.single("udp-io", "native|netty", ConfigValues.oneOf(UdpIo.class))
            .defaultValue("native")
            .description("UDP sockets through the FFM API with recvmmsg/sendmmsg and no per-datagram objects "
                    + "(Linux with epoll), or Netty datagram channels; native falls back to netty elsewhere.");
    public static final Flag<String> SOFTWARE = Flag.single("software", "STRING", ConfigValues::software)
            .defaultValue("TurnFleet")
            .description("SOFTWARE attribute value; empty to omit it.");
    public static final Flag<Path> CONFIG = Flag.single("config", "PATH", ConfigValues::path)
            .onlyFrom(COMMAND_LINE, ENVIRONMENT)
            .description("YAML file with any of these settings, keyed by flag name without dashes.");
    public static final Flag<Boolean> HELP = Flag.bool("help")
            .onlyFrom(COMMAND_LINE)
            .description("Print this help and exit.");
    public static final Flag<Boolean> VERSION = Flag.bool("version")
            .onlyFrom(COMMAND_LINE)
            .description("Print the version and exit.");

    public static final List<Flag<?>> ALL = List.of(LISTEN, REALM, USER, USERS_FILE, AUTH_SECRET_DIR,
            ALLOW_EXPIRED_REFRESH, RELAY_IP, EXTERNAL_IP, EXTERNAL_IP_FILE, ALTERNATE_SERVERS_FILE,
            FLEET_ADDRESSES_FILE, RELAY_PORTS,
            ALLOW_PEER, DENY_PEER, ALLOW_LOOPBACK_PEERS, MAX_ALLOCATIONS, USER_QUOTA, MAX_BANDWIDTH, MAX_LIFETIME,
            NONCE_LIFETIME, THREADS, ADMIN_LISTEN, TLS_CERT, TLS_KEY, MAX_UNAUTHENTICATED_CONNECTIONS_PER_IP,
            CONNECTION_RATE_PER_IP, CONNECTION_BURST_PER_IP, MAX_CONNECTIONS_PER_IP, TCP_IDLE_TIMEOUT,
            TLS_HANDSHAKE_TIMEOUT, DRAIN_TIMEOUT, LOG_FORMAT, LOG_LEVEL, UDP_IO, SOFTWARE,
            CONFIG, HELP, VERSION);

    private RelayFlags() {
    }

    /** The flag named {@code name} (without dashes), or null. */
    public static Flag<?> byName(String name) {
        for (Flag<?> flag : ALL) {
            if (flag.name().equals(name)) {
                return flag;
            }
        }
        return null;
    }

    /** --help: usage, the sources and their precedence, then every flag. */
    public static String helpText() {
        return FlagTable.helpText(ALL);
    }

    /** The configuration reference as a Markdown table, for the README. */
    public static String markdownTable() {
        return FlagTable.markdown(ALL);
    }
}
