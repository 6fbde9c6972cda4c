package io.turnfleet.relay.config;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One relay setting: its name, value syntax, default, description and parser. {@link RelayFlags}
 * holds the table of all of them; parsing, --help and the README's table are generated from it.
 *
 * @param <T> the type of one parsed value
 */
public final class Flag<T> {

    /** Where a setting may come from, highest precedence first. */
    public enum Source {
        COMMAND_LINE, ENVIRONMENT, CONFIG_FILE
    }

    private static final String ENVIRONMENT_PREFIX = "TURNFLEET_";

    private final String name;
    private final String valueSyntax;
    private final boolean repeatable;
    private final boolean bool;
    private final Function<String, T> parser;
    private final String defaultValue;
    private final String defaultText;
    private final String description;
    private final Set<Source> sources;

    private Flag(String name, String valueSyntax, boolean repeatable, boolean bool, Function<String, T> parser,
                 String defaultValue, String defaultText, String description, Set<Source> sources) {
        this.name = name;
        this.valueSyntax = valueSyntax;
        this.repeatable = repeatable;
        this.bool = bool;
        this.parser = parser;
        this.defaultValue = defaultValue;
        this.defaultText = defaultText;
        this.description = description;
        this.sources = sources;
    }

    static <T> Flag<T> single(String name, String valueSyntax, Function<String, T> parser) {
        return new Flag<>(name, valueSyntax, false, false, parser, null, "none", "", EnumSet.allOf(Source.class));
    }

    static <T> Flag<T> repeatable(String name, String valueSyntax, Function<String, T> parser) {
        return new Flag<>(name, valueSyntax, true, false, parser, null, "none", "", EnumSet.allOf(Source.class));
    }

    static Flag<Boolean> bool(String name) {
        return new Flag<Boolean>(name, "", false, true, ConfigValues::bool, "false", "false", "",
                EnumSet.allOf(Source.class));
    }

    /** A default given as text, parsed like any input; shown as is in --help. */
    Flag<T> defaultValue(String value) {
        return new Flag<>(name, valueSyntax, repeatable, bool, parser, value, value, description, sources);
    }

    /** How the default appears in --help when it is computed (e.g. "number of cores"). */
    Flag<T> defaultText(String text) {
        return new Flag<>(name, valueSyntax, repeatable, bool, parser, defaultValue, text, description, sources);
    }

    Flag<T> description(String text) {
        return new Flag<>(name, valueSyntax, repeatable, bool, parser, defaultValue, defaultText, text, sources);
    }

    Flag<T> onlyFrom(Source first, Source... rest) {
        return new Flag<>(name, valueSyntax, repeatable, bool, parser, defaultValue, defaultText, description,
                EnumSet.of(first, rest));
    }

    /** The name without dashes, also the config file key: "relay-ports". */
    public String name() {
        return name;
    }

    /** The command-line form: "--relay-ports". */
    public String option() {
        return "--" + name;
    }

    /** The environment variable: "TURNFLEET_RELAY_PORTS". */
    public String environmentVariable() {
        return ENVIRONMENT_PREFIX + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    static String environmentPrefix() {
        return ENVIRONMENT_PREFIX;
    }

    /** The value syntax for --help ("MIN-MAX"); empty for a boolean. */
    public String valueSyntax() {
        return valueSyntax;
    }

    public boolean isRepeatable() {
        return repeatable;
    }

    public boolean isBoolean() {
        return bool;
    }

    /** The default as text, or null when the setting is unset by default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String defaultText() {
        return defaultText;
    }

    public String description() {
        return description;
    }

    public boolean allowedFrom(Source source) {
        return sources.contains(source);
    }

    T parse(String value) {
        return parser.apply(value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Flag<?> that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name);
    }

    @Override
    public String toString() {
        return option();
    }
}
