package io.turnfleet.relay.it;

import ch.qos.logback.classic.Logger;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The leak check the ITs rely on really sees a leak: a check that cannot fail would prove nothing. */
class NettyLeakCheckTest {

    @Test
    void bufferCollectedWithoutReleaseIsReported() throws InterruptedException {
        Logger detectorLog = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        boolean additive = detectorLog.isAdditive();
        NettyLeakCheck check = new NettyLeakCheck();
        check.install();
        detectorLog.setAdditive(false); // the deliberate leak is not news for the build log
        try {
            leakOneBuffer();

            List<String> leaks = check.leaksAfterCollection();

            assertThat(leaks).anySatisfy(leak -> assertThat(leak).contains("LEAK").contains("release()"));
        } finally {
            detectorLog.setAdditive(additive);
            check.uninstall();
        }
    }

    private static void leakOneBuffer() {
        // A direct buffer: Netty tracks those of every allocator (unpooled heap buffers are not tracked).
        ByteBuf leaked = UnpooledByteBufAllocator.DEFAULT.directBuffer(32);
        leaked.writeLong(42);
    }
}
