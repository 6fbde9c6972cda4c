package io.turnfleet.relay.net;

import java.net.InetSocketAddress;

/**
 * A UDP listener socket as a client path, Netty channel or native: it holds its allocations by client
 * address and frames no stream.
 */
interface UdpClientPath extends ClientPath {
    UdpClients clients();

    @Override
    default boolean isStream() {
        return false;
    }

    @Override
    default RelaySocket find(InetSocketAddress client) {
        return clients().find(client);
    }

    @Override
    default void add(RelaySocket socket) {
        clients().add(socket);
    }

    @Override
    default void remove(RelaySocket socket) {
        clients().remove(socket);
    }
}
