package io.turnfleet.bench.turn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Runs one {@link Operation} over a batch of allocations with at most {@code concurrency} in
 * flight, starting the next as each finishes, and times the batch. Times are caller-supplied
 * nanoseconds; the owner calls {@link #onTimer} periodically to drive retransmissions. Not
 * thread-safe: one event loop owns it.
 */
public final class SetupDriver implements SetupListener {
    private final LongClock clock;
    private Operation operation;
    private List<ClientAllocation> targets = List.of();
    private final List<ClientAllocation> inFlight = new ArrayList<>();
    private Consumer<SetupResult> onDone;
    private int next;
    private int finished;
    private int succeeded;
    private int concurrency;
    private long startedAt;
    private final Map<String, Integer> failures = new TreeMap<>();

    /** A nanosecond clock, injectable for tests. */
    public interface LongClock {
        long nanoTime();
    }

    public SetupDriver(LongClock clock) {
        this.clock = clock;
    }

    /** Starts {@code operation} on every target; {@code onDone} gets the result once all have finished. */
    public void start(Operation operation, List<ClientAllocation> targets, int concurrency,
                      Consumer<SetupResult> onDone) {
        if (this.operation != null) {
            throw new IllegalStateException("a " + this.operation + " batch is still running");
        }
        this.operation = operation;
        this.targets = List.copyOf(targets);
        this.concurrency = concurrency;
        this.onDone = onDone;
        this.next = 0;
        this.finished = 0;
        this.succeeded = 0;
        this.failures.clear();
        this.startedAt = clock.nanoTime();
        if (this.targets.isEmpty()) {
            complete();
            return;
        }
        while (inFlight.size() < concurrency && next < this.targets.size()) {
            launchNext();
        }
    }

    /** One line on how the running batch is doing, e.g. {@code Allocate: 1200/5000 done, 3 failed}. */
    public String progress() {
        if (operation == null) {
            return "idle";
        }
        return operation.displayName() + ": " + finished + "/" + targets.size() + " done, " + (finished - succeeded)
                + " failed";
    }

    public void onTimer() {
        if (operation == null) {
            return;
        }
        long now = clock.nanoTime();
        for (int i = inFlight.size() - 1; i >= 0 && i < inFlight.size(); i--) {
            inFlight.get(i).onTimer(now);
        }
    }

    @Override
    public void completed(ClientAllocation allocation, Operation done, String failure) {
        if (done != operation) {
            return;
        }
        inFlight.remove(allocation);
        finished++;
        if (failure == null) {
            succeeded++;
        } else {
            failures.merge(failure, 1, Integer::sum);
        }
        if (finished == targets.size()) {
            complete();
        } else if (next < targets.size() && inFlight.size() < concurrency) {
            launchNext();
        }
    }

    private void launchNext() {
        ClientAllocation allocation = targets.get(next++);
        inFlight.add(allocation);
        allocation.begin(operation, clock.nanoTime());
    }

    private void complete() {
        SetupResult result = new SetupResult(operation, targets.size(), succeeded,
                (clock.nanoTime() - startedAt) / 1e9, failures);
        operation = null;
        targets = List.of();
        onDone.accept(result);
    }
}
