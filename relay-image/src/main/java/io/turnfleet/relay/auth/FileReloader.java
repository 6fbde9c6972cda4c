package io.turnfleet.relay.auth;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads mounted files (users, shared secrets, certificates, fleet files) on one daemon thread,
 * every second by default, so a change is in effect within seconds without a restart. Polling rather
 * than a WatchService: a kubelet's atomic symlink swap of a mounted Secret or ConfigMap is not reliably
 * reported by inotify on the files themselves.
 *
 * <p>A failing source never stops the others and keeps its previous content. Logs one line per
 * change (the source's {@link Reloadable#summary()}) and one line per new failure, never content.
 */
public final class FileReloader implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(FileReloader.class);

    private final Duration interval;
    private final List<Reloadable> sources = new CopyOnWriteArrayList<>();
    private final Map<Reloadable, String> lastFailure = new ConcurrentHashMap<>();
    private ScheduledExecutorService thread;

    public FileReloader(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("reload interval must be positive, not " + interval);
        }
        this.interval = interval;
    }

    public FileReloader() {
        this(DEFAULT_INTERVAL);
    }

    /** Adds a source; it is first refreshed on the next pass. */
    public FileReloader register(Reloadable source) {
        sources.add(Objects.requireNonNull(source, "source"));
        return this;
    }

    /** Starts the daemon thread "turnfleet-file-reloader". */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "turnfleet-file-reloader");
            t.setDaemon(true);
            return t;
        });
        long millis = interval.toMillis();
        thread.scheduleWithFixedDelay(this::refreshAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** One pass over every source; what the thread runs. */
    public void refreshAll() {
        for (Reloadable source : sources) {
            refresh(source);
        }
    }

    private void refresh(Reloadable source) {
        try {
            boolean changed = source.refresh();
            boolean recovered = lastFailure.remove(source) != null;
            if (changed) {
                LOG.info("reloaded {}", source.summary());
            } else if (recovered) {
                LOG.info("readable again, unchanged: {}", source.summary());
            }
        } catch (IOException | RuntimeException e) {
            String failure = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (!failure.equals(lastFailure.put(source, failure))) {
                LOG.warn("reload failed, keeping previous content of " + source.summary() + ": " + failure);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }
}
