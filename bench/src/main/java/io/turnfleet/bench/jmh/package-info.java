/**
 * JMH benchmarks of the relay's hot paths, compiled by every build (CI) and run by hand:
 * {@code java -cp bench/target/turnfleet-bench.jar org.openjdk.jmh.Main [REGEX] -prof gc}.
 *
 * <p>One class per path, each {@code @State(Scope.Thread)} with its inputs built once in a
 * {@code @Setup(Level.Trial)} method from {@link io.turnfleet.bench.jmh.StunFixtures} (pooled
 * direct buffers, like datagrams read from a socket) and released in {@code @TearDown}. A
 * benchmark method does one operation and returns a value so the JIT cannot drop it. The
 * per-packet relay path (ChannelData in, UDP out, and back) belongs next to
 * {@link io.turnfleet.bench.jmh.StunCodecBenchmark} as its own class, driving the relay's handler
 * directly; its {@code gc.alloc.rate.norm} must read 0 B/op.
 */
package io.turnfleet.bench.jmh;
