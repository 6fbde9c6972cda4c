package io.turnfleet.bench.turn;

/** Told when an allocation finishes an {@link Operation}. */
public interface SetupListener {
    /** @param failure null on success, else one line saying what went wrong (no secrets) */
    void completed(ClientAllocation allocation, Operation operation, String failure);
}
