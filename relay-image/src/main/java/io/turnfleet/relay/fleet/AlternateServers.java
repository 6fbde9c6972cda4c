package io.turnfleet.relay.fleet;

import io.turnfleet.relay.auth.Reloadable;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
    private final Path file;
    private final List<InetSocketAddress> self;
    private final Predicate<InetSocketAddress> isSelf;
    private final AtomicInteger next = new AtomicInteger();
    private volatile List<InetSocketAddress> servers = List.of();
    private volatile String lastContent = "";

    /** {@code self} lists this relay's own advertised listener addresses, which are never returned. */
    public AlternateServers(Path file, List<InetSocketAddress> self) {
        this(file, self, address -> false);
    }

    /**
     * {@code isSelf} recognises this relay's own addresses, which are never returned. It is asked at
     * each pick because the advertised address can change (--external-ip-file), and because the file
     * may still list this relay while it drains: the operator removes it, but the file reaches the
     * pod only with the kubelet's next sync.
     */
    public AlternateServers(Path file, Predicate<InetSocketAddress> isSelf) {
        this(file, List.of(), isSelf);
    }

    private AlternateServers(Path file, List<InetSocketAddress> self, Predicate<InetSocketAddress> isSelf) {
        this.file = file;
        this.self = List.copyOf(self);
        this.isSelf = isSelf;
    }

    public static AlternateServers none() {
        return new AlternateServers(null, List.of());
    }

    @Override
    public boolean refresh() {
        if (file == null) {
            return false;
        }
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            content = "";
        } catch (IOException e) {
            return false;
        }
        if (content.equals(lastContent)) {
            return false;
        }
        lastContent = content;
        servers = parse(content, self);
        return true;
    }

    @Override
    public String summary() {
        return "alternate servers file " + file + ": " + servers.size() + " relays";
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
        if (!host.matches("[0-9a-fA-F.:]+")) {
            return null; // literal addresses only: never a DNS lookup
        }
        try {
            int port = Integer.parseInt(line.substring(colon + 1));
            if (port < 1 || port > 65_535) {
                return null;
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }
}
