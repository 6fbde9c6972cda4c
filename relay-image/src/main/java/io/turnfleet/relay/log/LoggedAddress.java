package io.turnfleet.relay.log;

import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A client or peer address as it appears in a log line: the address itself, or, while addresses are
 * hidden, a mask that keeps only the family and the port ({@code xx.xx.xx.xx:3478}). Rendered when the
 * line is written, so an address logged before {@link #hide} was called is still masked.
 */
public final class LoggedAddress {

    private static volatile boolean hidden;

    private final InetAddress ip;
    private final String unresolvedHost;
    private final int port;

    private LoggedAddress(InetAddress ip, String unresolvedHost, int port) {
        this.ip = ip;
        this.unresolvedHost = unresolvedHost;
        this.port = port;
    }

    /** An IP and port, e.g. a client's source address. */
    public static LoggedAddress of(InetSocketAddress address) {
        return new LoggedAddress(address.getAddress(), address.getHostString(), address.getPort());
    }

    /** An IP without port, e.g. the peer of a permission (RFC 8656 §9: permissions ignore the port). */
    public static LoggedAddress of(InetAddress address) {
        return new LoggedAddress(address, null, -1);
    }

    /** Whether every logged address is masked from now on (privacy: logs that leave the cluster). */
    public static void hide(boolean hide) {
        hidden = hide;
    }

    @Override
    public String toString() {
        boolean v6 = ip instanceof Inet6Address;
        String host;
        if (hidden) {
            host = ip == null ? "xx" : v6 ? "xx:xx:xx:xx:xx:xx:xx:xx" : "xx.xx.xx.xx";
        } else {
            host = ip == null ? unresolvedHost : NetUtil.toAddressString(ip);
        }
        if (port < 0) {
            return host;
        }
        return v6 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
