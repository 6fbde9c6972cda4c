package io.turnfleet.relay;

public final class RelayMain {
    public static void main(String[] args) {
    }
}
