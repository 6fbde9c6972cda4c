package io.turnfleet.relay.net;

import io.netty.util.concurrent.DefaultEventExecutor;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** CI does not run the benchmarks; this runs each native relay-path operation and checks what real sockets get. */
class NativeRelayPathBenchmarkTest {
    @Test
    void eachDirectionDeliversTheDatagramToARealSocket() throws Exception {
        DefaultEventExecutor thread = new DefaultEventExecutor();
        try {
            thread.submit(() -> {
                NativeRelayPathBenchmark benchmark = new NativeRelayPathBenchmark();
                benchmark.setUp();
                try {
                    for (int i = 0; i < 3; i++) {
                        benchmark.clientToPeer();
                        benchmark.peerToClient();
                    }
                    benchmark.flush();
                    for (int i = 0; i < 3; i++) {
                        ByteBuffer atPeer = receive(benchmark.peer);
                        assertThat(atPeer.remaining()).as("datagram to the peer").isEqualTo(100);
                        assertThat(sender).isEqualTo(benchmark.relaySocket.localAddress());
                        ByteBuffer atClient = receive(benchmark.client);
                        assertThat(atClient.remaining()).as("ChannelData to the client").isEqualTo(4 + 100);
                        assertThat(atClient.getShort(0)).isEqualTo((short) 0x4000);
                    }
                } finally {
                    benchmark.tearDown();
                }
                return null;
            }).get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }

    private static InetSocketAddress sender;

    private static ByteBuffer receive(DatagramChannel channel) throws Exception {
        ByteBuffer into = ByteBuffer.allocate(65_536);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        channel.configureBlocking(false);
        while (System.nanoTime() < deadline) {
            sender = (InetSocketAddress) channel.receive(into);
            if (sender != null) {
                return into.flip();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("nothing arrived within 5 s");
    }
}
