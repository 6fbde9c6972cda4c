package io.turnfleet.relay.fleet;

import io.turnfleet.relay.auth.Reloadable;
import io.turnfleet.relay.config.MountedFile;
import io.turnfleet.relay.turn.IpLiteral;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every address of every relay node of the fleet, read from --fleet-addresses-file, which the operator
 * writes (key {@code relay-addresses} of the fleet ConfigMap): advertised, InternalIP and ExternalIP of
 * each node, ready or not. They are own addresses of this relay (design.md, safety defaults), so
 * another node's kubelet and host daemons are never peers. One IP literal per line, {@code #}
 * comments; literal addresses only, never a DNS lookup. Unreadable lines are skipped and counted in
 * the {@link #summary()}, which the reloader logs once per change; a missing file means none.
 */
public final class FleetAddresses implements Reloadable {
    private final MountedFile file;
    private volatile List<InetAddress> addresses = List.of();
    private volatile int skippedLines;

    public FleetAddresses(Path file) {
        this.file = new MountedFile(file);
    }

    @Override
    public boolean refresh() {
        String content = file.changedContent();
        if (content == null) {
            return false;
        }
        Set<InetAddress> parsed = new LinkedHashSet<>();
        int skipped = 0;
        for (String raw : content.split("\\R")) {
            int comment = raw.indexOf('#');
            String line = (comment >= 0 ? raw.substring(0, comment) : raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (IpLiteral.parse(line) == null) {
                skipped++;
            } else {
                parsed.add(IpLiteral.toInetAddress(line));
            }
        }
        addresses = List.copyOf(parsed);
        skippedLines = skipped;
        return true;
    }

    @Override
    public String summary() {
        return "fleet addresses file " + file.path() + ": " + addresses.size() + " addresses" + (skippedLines == 0
                ? "" : ", " + skippedLines + " unreadable lines skipped (expected one IP address per line)");
    }

    /** The addresses read last; empty until the file exists. */
    public List<InetAddress> addresses() {
        return addresses;
    }

    /** Lines of the last read that were not an IP address. */
    public int skippedLines() {
        return skippedLines;
    }
}
