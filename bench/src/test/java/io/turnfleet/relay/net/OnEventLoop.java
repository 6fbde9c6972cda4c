package io.turnfleet.relay.net;

import io.netty.util.concurrent.DefaultEventExecutor;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/** Runs a benchmark's operations on an event loop thread, like the relay (and JMH with EventLoopThreadExecutor). */
final class OnEventLoop {
    private OnEventLoop() {
    }

    static void run(Callable<?> work) throws Exception {
        DefaultEventExecutor loop = new DefaultEventExecutor();
        try {
            loop.submit(work).get(30, TimeUnit.SECONDS);
        } finally {
            loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
        }
    }
}
