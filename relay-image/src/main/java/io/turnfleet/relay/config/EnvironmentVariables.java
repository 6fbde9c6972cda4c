package io.turnfleet.relay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Settings from TURNFLEET_* environment variables; repeatable flags as comma-separated lists.
 *
 * <p>Unknown TURNFLEET_* variables are errors, except the ones Kubernetes injects for a Service whose
 * name starts with "turnfleet" ({@code TURNFLEET_SERVICE_HOST}, {@code TURNFLEET_PORT_3478_UDP}, ...):
 * rejecting those would stop the relay in any namespace that has such a Service.
 */
final class EnvironmentVariables {

    private static final Pattern KUBERNETES_SERVICE_LINK = Pattern.compile(
            "TURNFLEET(_[A-Z0-9_]+)?_(SERVICE_HOST|SERVICE_PORT(_[A-Z0-9_]+)?|PORT(_[0-9]+_(TCP|UDP|SCTP)(_(PROTO|PORT|ADDR))?)?)");

    private EnvironmentVariables() {
    }

    static Map<Flag<?>, Setting> parse(Map<String, String> environment) {
        Map<Flag<?>, Setting> settings = new LinkedHashMap<>();
        for (Map.Entry<String, String> variable : new TreeMap<>(environment).entrySet()) {
            String name = variable.getKey();
            if (!name.startsWith(Flag.environmentPrefix()) || KUBERNETES_SERVICE_LINK.matcher(name).matches()) {
                continue;
            }
            Flag<?> flag = byVariable(name);
            if (flag == null) {
                throw new ConfigException("unknown environment variable " + name + suggestion(name) + "; see --help");
            }
            if (!flag.allowedFrom(Flag.Source.ENVIRONMENT)) {
                throw new ConfigException(name + ": " + flag.option() + " can only be given on the command line");
            }
            String value = variable.getValue();
            settings.put(flag, new Setting(flag, name, flag.isRepeatable() ? split(value) : List.of(value)));
        }
        return settings;
    }

    /** "a, b" is [a, b]; "" is the empty list, which overrides a list from the config file. */
    private static List<String> split(String value) {
        List<String> values = new ArrayList<>();
        if (value.isBlank()) {
            return values;
        }
        for (String part : value.split(",", -1)) {
            values.add(part.strip());
        }
        return values;
    }

    private static Flag<?> byVariable(String name) {
        for (Flag<?> flag : RelayFlags.ALL) {
            if (flag.environmentVariable().equals(name)) {
                return flag;
            }
        }
        return null;
    }

    private static String suggestion(String name) {
        List<String> names = RelayFlags.ALL.stream()
                .filter(flag -> flag.allowedFrom(Flag.Source.ENVIRONMENT))
                .map(Flag::environmentVariable)
                .toList();
        String closest = Spelling.closest(name, names);
        return closest == null ? "" : " (did you mean " + closest + "?)";
    }
}
