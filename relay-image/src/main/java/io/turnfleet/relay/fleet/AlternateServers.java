package io.turnfleet.relay.fleet;

import io.turnfleet.relay.auth.Reloadable;
import io.turnfleet.relay.config.MountedFile;
import io.turnfleet.relay.turn.IpLiteral;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Other ready relays of the fleet, read from --alternate-servers-file, written by the operator. A
 * draining or full relay names one of them in 300 Try Alternate (RFC 8489 §10). One relay per line:
 *
 * <pre>IP:PORT [tcp=PORT] [tls=PORT] [domain=NAME]</pre>
 *
 * {@code [IPv6]:PORT} for IPv6; PORT is the UDP listener, the optional keys name the TCP and TLS
 * listener ports and the domain of the relay's TLS certificate (sent as ALTERNATE-DOMAIN to TLS
 * clients, RFC 8489 §14.16). A line of just {@code IP:PORT}, the original format, still reads the
 * same; keys the relay does not know are ignored. Lines that don't parse are skipped; a missing file
 * means none.
 */
public final class AlternateServers implements Reloadable {
    private static final String LINE_FORMAT = "expected IP:PORT [tcp=PORT] [tls=PORT] [domain=NAME]";

    private final MountedFile file;
    private final Predicate<InetSocketAddress> isSelf;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<AlternateServer> servers = List.of();

    /**
     * {@code isSelf} recognises this relay's own addresses, which are never returned. It is asked at
     * each pick because the advertised address can change (--external-ip-file), and because the file
     * may still list this relay while it drains: the operator removes it, but the file reaches the
     * pod only with the kubelet's next sync.
     */
    public AlternateServers(Path file, Predicate<InetSocketAddress> isSelf) {
        this.file = file == null ? null : new MountedFile(file);
        this.isSelf = isSelf;
    }

    public static AlternateServers none() {
        return new AlternateServers(null, address -> false);
    }

    @Override
    public boolean refresh() {
        if (file == null) {
            return false;
        }
        String content = file.changedContent();
        if (content == null) {
            return false;
        }
        servers = parse(content);
        return true;
    }

    @Override
    public String summary() {
        return "alternate servers file " + file.path() + ": " + servers.size() + " relays";
    }

    /** The next alternate of the given family, round robin, or null when none is known. */
    public AlternateServer pick(boolean ipv4) {
        List<AlternateServer> current = servers;
        int size = current.size();
        for (int i = 0; i < size; i++) {
            AlternateServer candidate = current.get(Math.floorMod(next.getAndIncrement(), size));
            InetSocketAddress address = candidate.address();
            if ((address.getAddress() instanceof java.net.Inet4Address) == ipv4 && !isSelf.test(address)) {
                return candidate;
            }
        }
        return null;
    }

    public List<AlternateServer> servers() {
        return servers;
    }

    static List<AlternateServer> parse(String content) {
        List<AlternateServer> parsed = new ArrayList<>();
        for (String raw : content.split("[\\r\\n,]+")) {
            AlternateServer server = parseLine(raw.strip());
            if (server != null && parsed.stream().noneMatch(known -> known.address().equals(server.address()))) {
                parsed.add(server);
            }
        }
        return List.copyOf(parsed);
    }

    private static AlternateServer parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        String[] tokens = line.split("\\s+");
        try {
            // literal addresses only: never a DNS lookup
            InetSocketAddress address = IpLiteral.socketAddress(tokens[0], line, LINE_FORMAT);
            int tcp = -1;
            int tls = -1;
            String domain = null;
            for (int i = 1; i < tokens.length; i++) {
                String token = tokens[i];
                if (token.startsWith("tcp=")) {
                    tcp = IpLiteral.port(token.substring(4), line, LINE_FORMAT);
                } else if (token.startsWith("tls=")) {
                    tls = IpLiteral.port(token.substring(4), line, LINE_FORMAT);
                } else if (token.startsWith("domain=")) {
                    domain = domain(token.substring(7));
                }
            }
            return new AlternateServer(address, tcp, tls, domain);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /** A DNS name for certificate checks (RFC 8489 §14.16: fewer than 255 bytes). */
    private static String domain(String text) {
        if (text.length() >= 255 || !text.matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw new IllegalArgumentException("'" + text + "': not a domain name");
        }
        return text;
    }
}
