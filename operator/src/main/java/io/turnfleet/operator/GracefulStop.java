package io.turnfleet.operator;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * How the operator process ends. SIGTERM (a pod stop) and SIGINT run the stop steps once (stop
 * reconciling, release the Lease so that a standby takes over at once, close the HTTP port) and
 * exit 0; without this the JVM exits 143 on SIGTERM. Losing the Lease while running exits 1, so the
 * pod restarts as a standby. java-operator-sdk's own exit on lost leadership stays off: it calls
 * {@code System.exit} when leadership ends, which also happens inside a shutdown, and
 * {@code System.exit} called during shutdown blocks forever (java.lang.Runtime#exit).
 */
final class GracefulStop {
  private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile Runnable steps = () -> {};

  /** What stopping does, in order; set once everything it stops exists. */
  void steps(Runnable stopSteps) {
    this.steps = stopSteps;
  }

  /** Installs the signal handlers and a shutdown hook for every other way the JVM ends. */
  void install() {
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), s -> {
        log.info("SIG{} received, stopping", s.getName());
        run();
        System.exit(0);
      });
    }
    Runtime.getRuntime().addShutdownHook(new Thread(this::run, "shutdown"));
  }

  /** Runs the stop steps; only the first call does anything. */
  void run() {
    if (stopping.compareAndSet(false, true)) {
      steps.run();
    }
  }

  /** Leadership ended: while running the process exits 1; while stopping that is expected. */
  void leaseLost() {
    if (!stopping.get()) {
      log.warn("lost the Lease; exiting so that this replica restarts as a standby");
      // not on the leader elector's thread: exit runs the shutdown hook, which stops that elector
      new Thread(() -> System.exit(1), "lease-lost").start();
    }
  }
}
