package io.turnfleet.relay.fleet;

import io.turnfleet.relay.config.Transport;

import java.net.InetSocketAddress;

/**
 * One other relay of the fleet, as a line of the fleet file names it: its address with the UDP port,
 * optionally the ports of its TCP and TLS listeners and the domain name its TLS certificate is for.
 *
 * @param address   IP and UDP port (the line's leading {@code IP:PORT})
 * @param tcpPort   the {@code tcp=PORT} key, or -1
 * @param tlsPort   the {@code tls=PORT} key, or -1
 * @param domain    the {@code domain=NAME} key, or null
 */
public record AlternateServer(InetSocketAddress address, int tcpPort, int tlsPort, String domain) {

    /**
     * Where a client of {@code transport} goes (RFC 8489 §14.15: the alternate is reached over the same
     * transport). A port the line does not give is the port the client reached this relay on: the
     * relays of a fleet run the same listeners.
     */
    public InetSocketAddress addressFor(Transport transport, int ownPort) {
        int port = switch (transport) {
            case UDP -> address.getPort();
            case TCP -> tcpPort > 0 ? tcpPort : ownPort;
            case TLS -> tlsPort > 0 ? tlsPort : ownPort;
        };
        return port == address.getPort() ? address : new InetSocketAddress(address.getAddress(), port);
    }
}
