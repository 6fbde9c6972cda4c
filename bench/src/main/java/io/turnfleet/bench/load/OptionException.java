package io.turnfleet.bench.load;

/** A command-line value the generator cannot use; the message names the flag, the value and what was expected. */
public final class OptionException extends Exception {
    public OptionException(String message) {
        super(message);
    }
}
