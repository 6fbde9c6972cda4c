package io.turnfleet.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.turnfleet.relay.stun.MessageClass;
import io.turnfleet.relay.stun.Method;
import io.turnfleet.relay.stun.StunWriter;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A coturn {@code turnserver} on loopback for the generator's integration tests: a free UDP port, a
 * small relay port range of its own, loopback peers allowed. Fails (never skips) when coturn is not
 * installed: CI installs it.
 */
final class Coturn implements AutoCloseable {
    final InetSocketAddress address;
    final Process process;
    final Path log;

    private Coturn(InetSocketAddress address, Process process, Path log) {
        this.address = address;
        this.process = process;
        this.log = log;
    }

    /** Starts coturn with {@code auth} arguments, e.g. {@code --lt-cred-mech --user=bench:secret}. */
    static Coturn start(String... auth) throws IOException, InterruptedException {
        int port = freeUdpPort();
        int relayMin = 50_000 + (int) (ProcessHandle.current().pid() % 90) * 100;
        Path log = Files.createTempFile("coturn-it", ".log");
        List<String> command = new ArrayList<>(List.of("turnserver", "-n", "--listening-ip=127.0.0.1",
                "--listening-port=" + port, "--relay-ip=127.0.0.1", "--min-port=" + relayMin,
                "--max-port=" + (relayMin + 99), "--realm=bench", "--allow-loopback-peers", "--no-cli", "--no-tls",
                "--no-dtls", "--no-tcp", "--no-tcp-relay", "--relay-threads=1", "--log-file=" + log, "--simple-log",
                "--no-stdout-log"));
        command.addAll(List.of(auth));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("coturn's turnserver is required for this test (apt-get install -y coturn): "
                    + e.getMessage(), e);
        }
        Coturn coturn = new Coturn(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), process, log);
        coturn.awaitBindingResponse();
        return coturn;
    }

    private void awaitBindingResponse() throws IOException, InterruptedException {
        ByteBuf request = Unpooled.buffer();
        StunWriter.start(request, Method.BINDING, MessageClass.REQUEST, 1L, 2);
        byte[] bytes = new byte[request.readableBytes()];
        request.readBytes(bytes);
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(200);
            for (int attempt = 0; attempt < 50; attempt++) {
                if (!process.isAlive()) {
                    throw new IOException("turnserver exited with " + process.exitValue() + "; log: "
                            + Files.readString(log));
                }
                socket.send(new DatagramPacket(bytes, bytes.length, address));
                try {
                    socket.receive(new DatagramPacket(new byte[1500], 1500));
                    return;
                } catch (SocketTimeoutException e) {
                    // not listening yet
                }
            }
        }
        close();
        throw new IOException("turnserver did not answer a Binding request on " + address + " within 10 s");
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
