package io.turnfleet.relay.it;

import ch.qos.logback.classic.Level;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.Slf4JLoggerFactory;
import io.turnfleet.relay.log.CapturedLogs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;

/**
 * Fails a test class when Netty's leak detector reports a ByteBuf that was garbage-collected without
 * being released. Netty logs leaks through SLF4J (Logback) to the logger named after
 * {@link ResourceLeakDetector}; the check listens there. Leaks are only noticed after the GC
 * has cleared the buffer and a later allocation polls the detector, so {@link #leaksAfterCollection()}
 * forces both. Requires {@code -Dio.netty.leakDetection.level=paranoid} (see the failsafe setup).
 */
public final class NettyLeakCheck implements BeforeAllCallback, AfterAllCallback {
    private CapturedLogs detectorLog;

    @Override
    public void beforeAll(ExtensionContext context) {
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            throw new IllegalStateException("Netty leak detection is " + ResourceLeakDetector.getLevel()
                    + ", expected PARANOID: run with -Dio.netty.leakDetection.level=paranoid (set in relay-image/pom.xml)");
        }
        if (!(InternalLoggerFactory.getDefaultFactory() instanceof Slf4JLoggerFactory)) {
            throw new IllegalStateException("Netty logs through " + InternalLoggerFactory.getDefaultFactory()
                    + ", not SLF4J: its leak reports would not reach this check");
        }
        install();
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        try {
            List<String> found = leaksAfterCollection();
            if (!found.isEmpty()) {
                throw new AssertionError(found.size() + " ByteBuf leak(s) reported by Netty:\n"
                        + String.join("\n\n", found));
            }
        } finally {
            uninstall();
        }
    }

    void install() {
        detectorLog = CapturedLogs.capture(Level.TRACE, ResourceLeakDetector.class.getName());
    }

    void uninstall() {
        detectorLog.close();
    }

    /** Collects garbage, makes the detector look at what was collected, and returns every leak logged so far. */
    List<String> leaksAfterCollection() throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            ReferenceQueue<Object> collected = new ReferenceQueue<>();
            WeakReference<Object> sentinel = new WeakReference<>(new Object(), collected);
            System.gc();
            // Once the sentinel is enqueued, the references cleared by the same collection are too.
            if (collected.remove(5_000) == null) {
                throw new IllegalStateException("System.gc() did not collect within 5 s; cannot check for leaks");
            }
            sentinel.clear();
            pollDetector();
        }
        return detectorLog.events().stream().map(e -> e.getFormattedMessage())
                .filter(message -> message != null && message.contains("LEAK")).toList();
    }

    /** Every tracked allocation at PARANOID level first reports leaks already collected. */
    private static void pollDetector() {
        ByteBuf pooled = PooledByteBufAllocator.DEFAULT.directBuffer(16);
        pooled.release();
        ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
        unpooled.release();
    }
}
