package io.turnfleet.relay.it;

import java.util.ArrayDeque;
import java.util.Deque;

/** What a test opened (relays, clients, peers), closed newest first when the test ends. */
public final class OpenedResources {
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** Keeps {@code resource} for {@link #closeAll()} and returns it. */
    public <T extends AutoCloseable> T open(T resource) {
        opened.push(resource);
        return resource;
    }

    /** Closes everything kept, newest first; the first failure is thrown once all are closed. */
    public void closeAll() throws Exception {
        Exception first = null;
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
