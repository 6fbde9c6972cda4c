package io.turnfleet.relay.net.udp;

import java.io.IOException;

/** A socket call of the native datagram path failed; the message names the call and the C library's reason. */
public final class UdpSocketException extends IOException {
    private final int errno;

    UdpSocketException(String call, int errno) {
        super(call + " failed: " + Libc.describe(errno) + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
