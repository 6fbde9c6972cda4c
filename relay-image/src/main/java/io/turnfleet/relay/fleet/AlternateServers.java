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
 * Other ready relays of the fleet, read from --alternate-servers-file (one {@code IP:PORT} or
 * {@code [IPv6]:PORT} per line, written by the operator). A draining or full relay names one of them
 * in 300 Try Alternate (RFC 8489 §10). Lines that don't parse are skipped; a missing file means none.
 */
public final class AlternateServers implements Reloadable {
    private final MountedFile file;
    private final Predicate<InetSocketAddress> isSelf;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> servers = List.of();

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
    public InetSocketAddress pick(boolean ipv4) {
        List<InetSocketAddress> current = servers;
        int size = current.size();
        for (int i = 0; i < size; i++) {
            InetSocketAddress candidate = current.get(Math.floorMod(next.getAndIncrement(), size));
            if ((candidate.getAddress() instanceof java.net.Inet4Address) == ipv4 && !isSelf.test(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    public List<InetSocketAddress> servers() {
        return servers;
    }

    static List<InetSocketAddress> parse(String content) {
        List<InetSocketAddress> parsed = new ArrayList<>();
        for (String raw : content.split("[\\r\\n,]+")) {
            InetSocketAddress address = parseLine(raw.strip());
            if (address != null && !parsed.contains(address)) {
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
