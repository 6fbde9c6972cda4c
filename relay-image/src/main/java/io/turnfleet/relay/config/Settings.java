package io.turnfleet.relay.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The winning setting of each flag, parsed on access; parse errors become a ConfigException naming the source. */
final class Settings {

    private final Map<Flag<?>, Setting> settings;

    Settings(Map<Flag<?>, Setting> settings) {
        this.settings = Map.copyOf(settings);
    }

    /** The flag's value, its default when unset, or empty when it has no default. */
    <T> Optional<T> optional(Flag<T> flag) {
        List<T> values = values(flag);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The value of a flag that has a default. */
    <T> T value(Flag<T> flag) {
        return optional(flag).orElseThrow(() -> new IllegalStateException(flag + " has no default"));
    }

    /** Every value of the flag, from the highest source that sets it, else its default. */
    <T> List<T> values(Flag<T> flag) {
        Setting setting = settings.get(flag);
        List<String> raw = setting != null ? setting.values()
                : flag.defaultValue() != null ? List.of(flag.defaultValue()) : List.of();
        List<T> parsed = new ArrayList<>(raw.size());
        for (String value : raw) {
            parsed.add(parse(flag, value));
        }
        return parsed;
    }

    /** How the source of the flag's value names it in messages. */
    String label(Flag<?> flag) {
        Setting setting = settings.get(flag);
        return setting != null ? setting.label() : flag.option();
    }

    boolean isSet(Flag<?> flag) {
        return settings.containsKey(flag);
    }

    private <T> T parse(Flag<T> flag, String value) {
        try {
            return flag.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(label(flag) + " " + e.getMessage());
        }
    }
}
