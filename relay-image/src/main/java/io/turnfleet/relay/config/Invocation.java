package io.turnfleet.relay.config;

/**
 * What the command line asks for: run the relay with {@code config}, or print help or the version.
 *
 * @param config the configuration when {@code request} is RUN, else null
 */
public record Invocation(Request request, RelayConfig config) {

    public enum Request {
        RUN, PRINT_HELP, PRINT_VERSION
    }

    static Invocation run(RelayConfig config) {
        return new Invocation(Request.RUN, config);
    }

    static Invocation of(Request request) {
        return new Invocation(request, null);
    }
}
