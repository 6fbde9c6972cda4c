package io.turnfleet.relay.config;

import java.util.List;

/**
 * The raw values one source gives a flag.
 *
 * @param label how the source names the setting in messages: "--relay-ports", "TURNFLEET_RELAY_PORTS"
 *              or "relay.yaml: relay-ports"
 * @param values one value, or any number for a repeatable flag
 */
record Setting(Flag<?> flag, String label, List<String> values) {

    Setting {
        values = List.copyOf(values);
    }
}
