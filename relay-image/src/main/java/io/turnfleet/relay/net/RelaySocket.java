package io.turnfleet.relay.net;

import io.turnfleet.relay.turn.Allocation;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * An allocation together with its I/O: the relay socket for each relayed address family and the
 * path back to its client. Lives on the client's event loop, like the sockets it holds.
 */
final class RelaySocket {
    private final ClientPath clientPath;
    private final InetSocketAddress client;
    private Allocation allocation;
    private PeerSocket ipv4;
    private PeerSocket ipv6;
    private int ipv4Port = -1;
    private int ipv6Port = -1;
    private TcpAllocation tcp;
    private boolean flushPending;
    private boolean closed;
    private byte[] allocateAnswer;

    private final long allocateTransactionHigh;
    private final int allocateTransactionLow;

    RelaySocket(ClientPath clientPath, InetSocketAddress client, long allocateTransactionHigh,
                int allocateTransactionLow) {
        this.clientPath = clientPath;
        this.client = client;
        this.allocateTransactionHigh = allocateTransactionHigh;
        this.allocateTransactionLow = allocateTransactionLow;
    }

    /** Whether a request is a retransmission of the Allocate that created this socket. */
    boolean isCreatedBy(long transactionHigh, int transactionLow) {
        return transactionHigh == allocateTransactionHigh && transactionLow == allocateTransactionLow;
    }

    /** The success answer to the Allocate that created this socket, or null while it binds. */
    byte[] allocateAnswer() {
        return allocateAnswer;
    }

    void allocateAnswer(byte[] answer) {
        this.allocateAnswer = answer;
    }

    ClientPath clientPath() {
        return clientPath;
    }

    InetSocketAddress client() {
        return client;
    }

    /** Null while the relay sockets are still being bound. */
    Allocation allocation() {
        return allocation;
    }

    void activate(Allocation allocation) {
        this.allocation = allocation;
    }

    boolean isPending() {
        return allocation == null && !closed;
    }

    boolean isClosed() {
        return closed;
    }

    void attach(boolean ipv4Family, PeerSocket peerSocket, int port) {
        if (ipv4Family) {
            ipv4 = peerSocket;
            ipv4Port = port;
        } else {
            ipv6 = peerSocket;
            ipv6Port = port;
        }
    }

    /** Makes this a TCP allocation (RFC 6062) whose relayed address listens for peers. */
    void attachTcp(TcpAllocation tcp, boolean ipv4Family, int port) {
        this.tcp = tcp;
        if (ipv4Family) {
            ipv4Port = port;
        } else {
            ipv6Port = port;
        }
    }

    /** The TCP relay of a TCP allocation, or null for a UDP allocation. */
    TcpAllocation tcp() {
        return tcp;
    }

    int port(boolean ipv4Family) {
        return ipv4Family ? ipv4Port : ipv6Port;
    }

    /** The relay socket that reaches this peer, or null when the allocation has no address of its family. */
    PeerSocket peerSocketFor(InetAddress peer) {
        return peer instanceof Inet4Address ? ipv4 : ipv6;
    }

    /** Marks a relay socket written to in the current read batch; true when it was not marked yet. */
    boolean markFlushPending() {
        if (flushPending) {
            return false;
        }
        flushPending = true;
        return true;
    }

    void flushRelaySockets() {
        flushPending = false;
        if (ipv4 != null) {
            ipv4.flush();
        }
        if (ipv6 != null) {
            ipv6.flush();
        }
    }

    /** Closes the relay sockets once; returns false when already closed. */
    boolean close() {
        if (closed) {
            return false;
        }
        closed = true;
        if (tcp != null) {
            tcp.close();
        }
        if (ipv4 != null) {
            ipv4.close();
        }
        if (ipv6 != null) {
            ipv6.close();
        }
        return true;
    }
}
