package io.turnfleet.relay.net;

import io.turnfleet.relay.auth.Reloadable;
import io.turnfleet.relay.config.MountedFile;
import io.turnfleet.relay.turn.IpLiteral;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * Where relay sockets bind (--relay-ip) and which address they advertise in XOR-RELAYED-ADDRESS
 * (--external-ip, or --external-ip-file which the operator fills with the node's address and the
 * relay re-reads). Until an advertised address is known the relay is not ready (design.md).
 */
public final class RelayAddresses implements Reloadable {
    private final InetAddress bindIpv4;
    private final InetAddress bindIpv6;
    private final MountedFile advertisedFile;
    private volatile InetAddress advertisedIpv4;
    private volatile InetAddress advertisedIpv6;

    private RelayAddresses(InetAddress bindIpv4, InetAddress bindIpv6, InetAddress advertisedIpv4,
                           InetAddress advertisedIpv6, Path advertisedFile) {
        this.bindIpv4 = bindIpv4;
        this.bindIpv6 = bindIpv6;
        this.advertisedIpv4 = advertisedIpv4;
        this.advertisedIpv6 = advertisedIpv6;
        this.advertisedFile = advertisedFile == null ? null : new MountedFile(advertisedFile);
    }

    /** The addresses a configuration asks for, with defaults filled in (see {@link AddressDefaults}). */
    public static RelayAddresses forConfig(io.turnfleet.relay.config.RelayConfig config) {
        return AddressDefaults.resolve(config);
    }

    /** Fixed advertised addresses. A family without a bind address is not relayed. */
    public static RelayAddresses fixed(InetAddress bindIpv4, InetAddress bindIpv6, InetAddress advertisedIpv4,
                                       InetAddress advertisedIpv6) {
        return new RelayAddresses(bindIpv4, bindIpv6, bindIpv4 == null ? null : advertisedIpv4,
                bindIpv6 == null ? null : advertisedIpv6, null);
    }

    /** Advertised addresses read from a file that may not exist yet. */
    public static RelayAddresses fromFile(InetAddress bindIpv4, InetAddress bindIpv6, Path file) {
        RelayAddresses addresses = new RelayAddresses(bindIpv4, bindIpv6, null, null, file);
        addresses.refresh();
        return addresses;
    }

    @Override
    public boolean refresh() {
        if (advertisedFile == null) {
            return false;
        }
        String content = advertisedFile.changedContent();
        if (content == null) {
            return false;
        }
        InetAddress v4 = null;
        InetAddress v6 = null;
        for (String token : content.split("[\\s,]+")) {
            InetAddress address = parseLiteral(token);
            if (address instanceof Inet4Address && v4 == null) {
                v4 = address;
            } else if (address instanceof Inet6Address && v6 == null) {
                v6 = address;
            }
        }
        advertisedIpv4 = bindIpv4 == null ? null : v4;
        advertisedIpv6 = bindIpv6 == null ? null : v6;
        return true;
    }

    @Override
    public String summary() {
        return "advertised address file " + advertisedFile.path() + ": " + advertised();
    }

    private static InetAddress parseLiteral(String token) {
        // Literal addresses only: never a DNS lookup.
        return IpLiteral.parse(token) == null ? null : IpLiteral.toInetAddress(token);
    }

    /** Whether a relayed address of this family can be handed out now. */
    public boolean supports(boolean ipv4) {
        return ipv4 ? advertisedIpv4 != null : advertisedIpv6 != null;
    }

    public boolean known() {
        return advertisedIpv4 != null || advertisedIpv6 != null;
    }

    public InetAddress bind(boolean ipv4) {
        return ipv4 ? bindIpv4 : bindIpv6;
    }

    /** The advertised relayed transport address for a port, or null when the family is not served. */
    public InetSocketAddress advertised(boolean ipv4, int port) {
        InetAddress address = ipv4 ? advertisedIpv4 : advertisedIpv6;
        return address == null ? null : new InetSocketAddress(address, port);
    }

    public List<InetAddress> advertised() {
        InetAddress v4 = advertisedIpv4;
        InetAddress v6 = advertisedIpv6;
        return v4 != null && v6 != null ? List.of(v4, v6) : v4 != null ? List.of(v4) : v6 != null ? List.of(v6) : List.of();
    }
}
