package io.turnfleet.relay.it;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak check the ITs rely on really sees a leak: a check that cannot fail would prove nothing. */
class NettyLeakCheckTest {

    @Test
    void bufferCollectedWithoutReleaseIsReported() throws InterruptedException {
        Logger detectorLog = Logger.getLogger(ResourceLeakDetector.class.getName());
        boolean parentHandlers = detectorLog.getUseParentHandlers();
        NettyLeakCheck check = new NettyLeakCheck();
        check.install();
        detectorLog.setUseParentHandlers(false); // the deliberate leak is not news for the build log
        try {
            leakOneBuffer();

            List<String> leaks = check.leaksAfterCollection();

            assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("LEAK").contains("release()"));
        } finally {
            detectorLog.setUseParentHandlers(parentHandlers);
            check.uninstall();
        }
    }

    private static void leakOneBuffer() {
        // A direct buffer: Netty tracks those of every allocator (unpooled heap buffers are not tracked).
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.directBuffer(32);
        leaked.writeLong(42);
    }
}
