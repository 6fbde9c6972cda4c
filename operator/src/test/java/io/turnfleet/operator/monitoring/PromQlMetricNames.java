package io.turnfleet.operator.monitoring;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, found lexically: strings, label matchers, range and
 * subquery brackets, grouping label lists and Grafana variables are removed; of what is left, every
 * identifier that is neither a keyword nor followed by {@code (} (a function or aggregation) is a
 * metric name. Grafana's {@code label_values(metric, label)} counts as its metric. Enough for the
 * expressions of this chart; not a full PromQL parser.
 */
final class PromQlMetricNames {
  private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without",
      "on", "ignoring", "group_left", "group_right", "inf", "nan", "atan2");
  private static final Pattern STRING = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"|'(\\\\.|[^'\\\\])*'|`[^`]*`");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)");
  private static final Pattern GROUPING =
      Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
  private static final Pattern TOKEN =
      Pattern.compile("\\$\\{[^}]*}|\\$\\w+|\\d[\\w.]*|([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");

  private PromQlMetricNames() {}

  static Set<String> of(String expression) {
    String e = LABEL_VALUES.matcher(expression).replaceAll("$1");
    e = STRING.matcher(e).replaceAll("\"\"");
    e = e.replaceAll("\\{[^}]*}", " ").replaceAll("\\[[^]]*]", " ");
    e = GROUPING.matcher(e).replaceAll(" ");
    Set<String> names = new TreeSet<>();
    Matcher m = TOKEN.matcher(e);
    while (m.find()) {
      String identifier = m.group(1);
      if (identifier != null && m.group(2) == null && !KEYWORDS.contains(identifier.toLowerCase())) {
        names.add(identifier);
      }
    }
    return names;
  }
}
