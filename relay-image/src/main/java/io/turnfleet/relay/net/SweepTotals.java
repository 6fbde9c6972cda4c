package io.turnfleet.relay.net;

/** Permissions and channels counted by one sweep of an event loop's allocations. */
final class SweepTotals {
    long permissions;
    long channels;

    void add(int permissions, int channels) {
        this.permissions += permissions;
        this.channels += channels;
    }
}
