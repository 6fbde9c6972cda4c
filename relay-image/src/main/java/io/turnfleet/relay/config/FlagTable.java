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

    private static final int HELP_WIDTH = 100;
    private static final String HELP_INDENT = "      ";

    private FlagTable() {
    }

    static String helpText(List<Flag<?>> flags) {
        StringBuilder out = new StringBuilder(USAGE);
        for (Flag<?> flag : flags) {
            out.append("  ").append(flag.option());
            if (!flag.isBoolean()) {
                out.append(' ').append(flag.valueSyntax());
            }
            out.append('\n');
            wrap(out, flag.description());
            String origin = flag.allowedFrom(Flag.Source.ENVIRONMENT)
                    ? " Environment: " + flag.environmentVariable() + "."
                    : " Command line only.";
            wrap(out, (flag.isRepeatable() ? "Repeatable. " : "") + "Default: " + flag.defaultText() + "." + origin);
        }
        return out.toString();
    }

    /** Appends {@code text} indented, broken at spaces so no line exceeds {@value #HELP_WIDTH} columns. */
    private static void wrap(StringBuilder out, String text) {
        int column = 0;
        for (String word : text.split(" ")) {
            if (column > 0 && column + 1 + word.length() > HELP_WIDTH) {
                out.append('\n');
                column = 0;
            }
            if (column == 0) {
                out.append(HELP_INDENT).append(word);
                column = HELP_INDENT.length() + word.length();
            } else {
                out.append(' ').append(word);
                column += 1 + word.length();
            }
        }
        out.append('\n');
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
