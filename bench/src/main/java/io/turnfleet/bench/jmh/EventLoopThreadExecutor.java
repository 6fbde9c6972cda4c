package io.turnfleet.bench.jmh;

import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's benchmark threads as Netty's {@code FastThreadLocalThread}s, which the relay's event loops
 * are. Netty pools its per-message objects (outbound buffer entries, derived buffers) only on such
 * threads, so without this a benchmark would count allocations the relay never makes. Selected with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.turnfleet.bench.jmh.EventLoopThreadExecutor}.
 */
public final class EventLoopThreadExecutor extends ThreadPoolExecutor {
    public EventLoopThreadExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix, true));
    }
}
