package io.turnfleet.relay.fleet;

import io.turnfleet.relay.auth.Reloadable;
import io.turnfleet.relay.config.MountedFile;
import io.turnfleet.relay.turn.IpLiteral;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Other ready relays of the fleet, read from --alternate-servers-file (one {@code IP:PORT} or
 * {@code [IPv6]:PORT} per line, written by the operator). A draining or full relay names one of them
 * in 300 Try Alternate (RFC 8489 §10). Lines that don't parse are skipped; a missing file means none.
 */
public final class AlternateServers implements Reloadable {
    private final MountedFile file;
    private final List<InetSocketAddress> self;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> servers = List.of();

    /** {@code self} lists this relay's own advertised listener addresses, which are never returned. */
    public AlternateServers(Path file, List<InetSocketAddress> self) {
        this.file = file == null ? null : new MountedFile(file);
        this.self = List.copyOf(self);
    }

    public static AlternateServers none() {
        return new AlternateServers(null, List.of());
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
        servers = parse(content, self);
        return true;
    }

    @Override
    public String summary() {
        return "alternate servers file " + file.path() + ": " + servers.size() + " relays";
    }

    /** The next alternate of the given family, round robin, or null when none is known. */
    public InetSocketAddress pick(boolean ipv4) {
        List<InetSocketAddress> current = servers;
        int size = current.size();
        for (int i = 0; i < size; i++) {
            InetSocketAddress candidate = current.get(Math.floorMod(next.getAndIncrement(), size));
            if ((candidate.getAddress() instanceof java.net.Inet4Address) == ipv4) {
                return candidate;
            }
        }
        return null;
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    static List<InetSocketAddress> parse(String content, List<InetSocketAddress> self) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String raw : content.split("[\\r\\n,]+")) {
            InetSocketAddress address = parseLine(raw.strip());
            if (address != null && !self.contains(address) && !parsed.contains(address)) {
                parsed.add(address);
            }
        }
        return List.copyOf(parsed);
    }

    private static InetSocketAddress parseLine(String line) {
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        int colon = line.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        String host = line.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (IpLiteral.parse(host) == null) {
            return null; // literal addresses only: never a DNS lookup
        }
        try {
            int port = Integer.parseInt(line.substring(colon + 1));
            return port < 1 || port > 65_535 ? null : new InetSocketAddress(IpLiteral.toInetAddress(host), port);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
