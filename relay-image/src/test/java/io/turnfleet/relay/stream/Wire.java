package io.turnfleet.relay.stream;

import java.io.IOException;
import java.time.Duration;

/** How a test client's messages reach the relay: framed on a TCP/TLS stream, or one per UDP datagram. */
interface Wire extends AutoCloseable {
    void write(byte[] bytes) throws IOException;

    /**
     * The next STUN message or ChannelData (padding included on streams), or null when nothing came
     * within {@code timeout}.
     *
     * @throws java.io.EOFException when the relay closed the connection
     */
    byte[] read(Duration timeout) throws IOException;

    @Override
    void close() throws IOException;
}
