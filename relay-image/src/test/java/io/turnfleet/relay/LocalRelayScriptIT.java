package io.turnfleet.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.turnfleet.relay.it.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The quick start's ./local-relay.sh with its output into a pipe (CI logs, `| tee`): plain text only. */
class LocalRelayScriptIT {

    @Test
    void intoAPipeItPrintsTheCredentialAndTheTurnUriWithoutTerminalEscapeCodes() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        int udp = FreePorts.udp(loopback);
        int admin = FreePorts.tcp(loopback);
        Process script = new ProcessBuilder(Path.of("..", "local-relay.sh").toString(),
                "--listen", "udp://127.0.0.1:" + udp, "--admin-listen", "127.0.0.1:" + admin)
                .redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(script.getInputStream(), output), "local-relay output");
        reader.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!text(output).contains("relay ready:") && script.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(text(output)).contains("relay ready: turn:127.0.0.1:" + udp);
        } finally {
            script.destroy();
            if (!script.waitFor(15, TimeUnit.SECONDS)) {
                script.destroyForcibly().waitFor();
            }
            reader.join(5_000);
        }
        assertThat(text(output)).contains("username : demo").containsPattern("password : [A-Za-z0-9]{20}\n");
        byte[] bytes;
        synchronized (output) {
            bytes = output.toByteArray();
        }
        assertThat(bytes).as(text(output)).doesNotContain((byte) 0x1b);
    }

    private static String text(ByteArrayOutputStream output) {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // the script ended
        }
    }
}
