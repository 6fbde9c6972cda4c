package io.turnfleet.relay.config;

/** How UDP listener and relay sockets are driven ({@code --udp-io}). */
public enum UdpIo {
    /**
     * Sockets opened through the FFM API on the epoll event loops: recvmmsg and sendmmsg over
     * preallocated native memory, no object per datagram. Linux with epoll only; elsewhere {@link #NETTY}.
     */
    NATIVE,
    /** Netty datagram channels (epoll or NIO): the fallback. */
    NETTY
}
