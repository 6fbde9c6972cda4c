package io.turnfleet.relay.stream;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * A TCP or TLS connection to the relay, framed as RFC 8656 §12.5 says: STUN messages by their
 * length field, ChannelData by its length rounded up to 4 bytes.
 */
final class StreamWire implements Wire {
    private static final int REST_OF_FRAME_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    StreamWire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    Socket socket() {
        return socket;
    }

    @Override
    public synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    public byte[] read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
        int first;
        try {
            first = in.read();
        } catch (SocketTimeoutException e) {
            return null;
        }
        if (first < 0) {
            throw new EOFException("the relay closed the connection");
        }
        socket.setSoTimeout(REST_OF_FRAME_TIMEOUT_MILLIS);
        byte[] header = new byte[4];
        header[0] = (byte) first;
        in.readFully(header, 1, 3);
        int length = ((header[2] & 0xFF) << 8) | (header[3] & 0xFF);
        int total;
        if ((first & 0xC0) == 0) {
            total = 20 + length;
        } else if ((first & 0xC0) == 0x40) {
            total = 4 + ((length + 3) & ~3);
        } else {
            throw new IOException(String.format("the relay sent a frame starting with 0x%02x", first));
        }
        byte[] frame = new byte[total];
        System.arraycopy(header, 0, frame, 0, 4);
        in.readFully(frame, 4, total - 4);
        return frame;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
