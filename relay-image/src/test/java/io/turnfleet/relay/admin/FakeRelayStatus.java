package io.turnfleet.relay.admin;

/** A relay engine whose status the test sets directly. */
final class FakeRelayStatus implements RelayStatus {

    volatile long allocations;
    volatile long permissions;
    volatile long channels;
    volatile long capacity;
    volatile boolean draining;
    volatile boolean ready = true;
    volatile long udp;
    volatile long tcp;
    volatile long tls;

    @Override
    public long allocations() {
        return allocations;
    }

    @Override
    public long permissions() {
        return permissions;
    }

    @Override
    public long channels() {
        return channels;
    }

    @Override
    public long capacity() {
        return capacity;
    }

    @Override
    public boolean draining() {
        return draining;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public long connections(String transport) {
        switch (transport) {
            case "udp":
                return udp;
            case "tcp":
                return tcp;
            case "tls":
                return tls;
            default:
                throw new IllegalArgumentException("unknown transport " + transport);
        }
    }
}
