package io.turnfleet.relay.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Settings from the command line: {@code --name VALUE}, {@code --name=VALUE}, {@code --flag[=false]}. */
final class CommandLineArguments {

    private CommandLineArguments() {
    }

    static Map<Flag<?>, Setting> parse(String[] args) {
        Map<Flag<?>, List<String>> values = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException("unexpected argument '" + arg + "' (expected --name VALUE or --name=VALUE; see --help)");
            }
            int equals = arg.indexOf('=');
            String name = arg.substring(2, equals < 0 ? arg.length() : equals);
            Flag<?> flag = RelayFlags.byName(name);
            if (flag == null) {
                throw new ConfigException("unknown flag --" + name + suggestion(name) + "; see --help");
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (flag.isBoolean()) {
                value = "true";
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw new ConfigException(flag.option() + ": missing value (expected " + flag.option() + " "
                        + flag.valueSyntax() + " or " + flag.option() + "=" + flag.valueSyntax() + ")");
            }
            List<String> list = values.computeIfAbsent(flag, f -> new ArrayList<>());
            if (!list.isEmpty() && !flag.isRepeatable()) {
                throw new ConfigException(flag.option() + " given more than once (expected one value)");
            }
            list.add(value);
        }
        return values.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new Setting(e.getKey(), e.getKey().option(), e.getValue()), (a, b) -> a, LinkedHashMap::new));
    }

    private static String suggestion(String name) {
        String closest = Spelling.closest(name, RelayFlags.ALL.stream().map(Flag::name).toList());
        return closest == null ? "" : " (did you mean --" + closest + "?)";
    }
}
