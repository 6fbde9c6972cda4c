package io.turnfleet.relay.config;

import java.util.List;

/** Renders the flag table as --help text and as Markdown. */
final class FlagTable {

    private static final String USAGE = """
            Usage: java -jar turnfleet-relay.jar [--flag VALUE | --flag=VALUE | --boolean-flag[=false]]...

            TurnFleet STUN/TURN relay.

            Every setting can also be given as an environment variable (TURNFLEET_ and the flag name in upper
            case with '_' for '-'; repeatable flags as comma-separated lists) or as a key of the YAML file given
            by --config (the flag name without dashes; repeatable flags as a list or a single value).
            Precedence: command line, then environment, then config file, then default. For a repeatable flag
            the highest source that sets it replaces the lower ones entirely.
            Durations: 250ms, 90s, 5m, 1h, or a bare number of seconds.
            Invalid configuration prints one line naming the value and exits with code 2.

            Flags:
            """;

    private FlagTable() {
    }

    static String helpText(List<Flag<?>> flags) {
        StringBuilder out = new StringBuilder(USAGE);
        for (Flag<?> flag : flags) {
            out.append("  ").append(flag.option());
            if (!flag.isBoolean()) {
                out.append(' ').append(flag.valueSyntax());
            }
            out.append("\n      ").append(flag.description()).append("\n      ");
            out.append(flag.isRepeatable() ? "Repeatable. " : "");
            out.append("Default: ").append(flag.defaultText()).append('.');
            if (flag.allowedFrom(Flag.Source.ENVIRONMENT)) {
                out.append(" Environment: ").append(flag.environmentVariable()).append('.');
            } else {
                out.append(" Command line only.");
            }
            out.append('\n');
        }
        return out.toString();
    }

    static String markdown(List<Flag<?>> flags) {
        StringBuilder out = new StringBuilder();
        out.append("| Flag | Environment | Value | Default | Description |\n");
        out.append("|---|---|---|---|---|\n");
        for (Flag<?> flag : flags) {
            out.append("| `").append(flag.option()).append("` | ")
                    .append(flag.allowedFrom(Flag.Source.ENVIRONMENT) ? "`" + flag.environmentVariable() + "`" : "command line only")
                    .append(" | ").append(cell(valueColumn(flag)))
                    .append(" | ").append(cell(defaultColumn(flag)))
                    .append(" | ").append(cell(flag.description()))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String valueColumn(Flag<?> flag) {
        String value = flag.isBoolean() ? "boolean" : "`" + flag.valueSyntax() + "`";
        return flag.isRepeatable() ? value + ", repeatable" : value;
    }

    private static String defaultColumn(Flag<?> flag) {
        boolean literal = flag.defaultValue() != null && flag.defaultValue().equals(flag.defaultText());
        return literal ? "`" + flag.defaultText() + "`" : flag.defaultText();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
