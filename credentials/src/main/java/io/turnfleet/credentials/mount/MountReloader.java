package io.turnfleet.credentials.mount;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads mounted Secret and ConfigMap files on one daemon thread. Polling rather than a
 * WatchService, as the relay does: a kubelet swaps the {@code ..data} symlink of a mounted volume,
 * which inotify on the files themselves does not reliably report. The kubelet itself takes up to
 * about a minute to refresh a mount, so a rotation reaches this service that much later than the
 * API server; the operator keeps the previous secret valid on relays for longer than that.
 *
 * <p>A failing source keeps its previous content and never stops the others; one log line per change
 * and per new failure, never content.
 */
public final class MountReloader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(MountReloader.class);

  private final List<Reloadable> sources;
  private final Map<Reloadable, String> lastFailure = new ConcurrentHashMap<>();
  private final ScheduledExecutorService thread;

  public MountReloader(List<Reloadable> sources, Duration interval) {
    this.sources = List.copyOf(sources);
    this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread t = new Thread(runnable, "turnfleet-mount-reloader");
      t.setDaemon(true);
      return t;
    });
    long millis = interval.toMillis();
    thread.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Reads every source once, now; the first read at startup goes through here too. */
  public void refreshAll() {
    for (Reloadable source : sources) {
      try {
        boolean changed = source.refresh();
        boolean recovered = lastFailure.remove(source) != null;
        if (changed || recovered) {
          log.info("read {}", source.summary());
        }
      } catch (IOException | RuntimeException e) {
        String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (!failure.equals(lastFailure.put(source, failure))) {
          log.warn("reading failed, keeping previous content of {}: {}", source.summary(), failure);
        }
      }
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
