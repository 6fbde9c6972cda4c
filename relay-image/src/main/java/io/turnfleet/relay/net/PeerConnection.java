package io.turnfleet.relay.net;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;

import java.net.InetSocketAddress;

/**
 * A TCP connection between the relayed address of a TCP allocation and a peer (RFC 6062 §2): made by
 * Connect or accepted from the peer, it waits (not read, so TCP flow control holds the peer back) for
 * the client's data connection and ConnectionBind, for at most 30 seconds, then pipes bytes.
 */
final class PeerConnection {
    private final int id;
    private final Channel peer;
    private final InetSocketAddress peerAddress;
    private final TcpAllocation allocation;
    private ScheduledFuture<?> bindTimeout;
    private volatile Channel client;

    PeerConnection(int id, Channel peer, InetSocketAddress peerAddress, TcpAllocation allocation) {
        this.id = id;
        this.peer = peer;
        this.peerAddress = peerAddress;
        this.allocation = allocation;
    }

    int id() {
        return id;
    }

    Channel peer() {
        return peer;
    }

    InetSocketAddress peerAddress() {
        return peerAddress;
    }

    TcpAllocation allocation() {
        return allocation;
    }

    boolean isBound() {
        return client != null;
    }

    void awaitBind(ScheduledFuture<?> timeout) {
        this.bindTimeout = timeout;
    }

    /** Joins the client's data connection; returns false when already bound. */
    synchronized boolean bind(Channel clientData) {
        if (client != null) {
            return false;
        }
        client = clientData;
        if (bindTimeout != null) {
            bindTimeout.cancel(false);
        }
        return true;
    }

    void close() {
        peer.close();
        Channel data = client;
        if (data != null) {
            data.close();
        }
    }
}
