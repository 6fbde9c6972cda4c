package io.turnfleet.relay.interop;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * coturn's {@code turnutils_peer}, a UDP echo server, as the peer of uclient runs. Started on a free
 * loopback port and considered up once it echoes a probe.
 */
final class TurnutilsPeer implements AutoCloseable {
    private static final int PROBES = 50;
    private static final int PROBE_WAIT_MILLIS = 100;

    private final Process process;
    private final Path log;
    private final InetSocketAddress address;

    private TurnutilsPeer(Process process, Path log, InetSocketAddress address) {
        this.process = process;
        this.log = log;
        this.address = address;
    }

    /** Starts the peer on {@code loopback} (127.0.0.1 or ::1). */
    static TurnutilsPeer start(Path executable, InetAddress loopback) throws IOException, InterruptedException {
        int port = Loopback.freeUdpPort(loopback);
        Path log = Files.createTempFile("turnutils-peer-", ".log");
        List<String> command = List.of(executable.toString(), "-L", loopback.getHostAddress(), "-p",
                Integer.toString(port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TurnutilsPeer peer = new TurnutilsPeer(process, log, new InetSocketAddress(loopback, port));
        try {
            peer.awaitEcho(command);
        } catch (IOException | RuntimeException | Error e) {
            peer.close();
            throw e;
        }
        return peer;
    }

    private void awaitEcho(List<String> command) throws IOException {
        byte[] probe = "probe".getBytes(StandardCharsets.US_ASCII);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(address.getAddress(), 0))) {
            socket.setSoTimeout(PROBE_WAIT_MILLIS);
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            for (int i = 0; i < PROBES && process.isAlive(); i++) {
                socket.send(new DatagramPacket(probe, probe.length, address));
                try {
                    socket.receive(reply);
                    return;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
        }
        throw new AssertionError(String.join(" ", command) + " did not echo within "
                + PROBES * PROBE_WAIT_MILLIS + " ms; output:\n" + Files.readString(log));
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        Files.deleteIfExists(log);
    }
}
