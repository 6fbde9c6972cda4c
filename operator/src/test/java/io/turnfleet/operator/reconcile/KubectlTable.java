package io.turnfleet.operator.reconcile;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.turnfleet.operator.api.TurnServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code kubectl get turnservers [-o wide]} prints, from a CRD's additionalPrinterColumns: the
 * NAME column, then each column whose priority the output shows, its JSONPath evaluated against the
 * object (kubectl's subset in use here: field paths and {@code [?(@.field=="value")]} filters),
 * {@code <none>} for no value, dates as kubectl's ages, laid out by kubectl's tabwriter (3 spaces of
 * padding).
 */
final class KubectlTable {
  private static final Pattern SEGMENT = Pattern.compile("\\.([A-Za-z]+)(?:\\[\\?\\(@\\.(\\w+)==\"([^\"]*)\"\\)\\])?");
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private final JsonNode columns;
  private final boolean wide;
  private final Instant now;

  KubectlTable(JsonNode crd, boolean wide, Instant now) {
    this.columns = crd.at("/spec/versions/0/additionalPrinterColumns");
    this.wide = wide;
    this.now = now;
  }

  String render(List<TurnServer> items) {
    List<List<String>> rows = new ArrayList<>();
    List<String> header = new ArrayList<>(List.of("NAME"));
    shown().forEach(c -> header.add(c.path("name").asText().toUpperCase(Locale.ROOT)));
    rows.add(header);
    for (TurnServer ts : items) {
      JsonNode object = JSON.convertValue(ts, JsonNode.class);
      List<String> row = new ArrayList<>(List.of(ts.getMetadata().getName()));
      shown().forEach(c -> row.add(cell(c, object)));
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    rows.forEach(row -> {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    });
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (widths[i] + 3) + "s", row.get(i)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private List<JsonNode> shown() {
    List<JsonNode> shown = new ArrayList<>();
    columns.forEach(c -> {
      if (wide || c.path("priority").asInt() == 0) {
        shown.add(c);
      }
    });
    return shown;
  }

  private String cell(JsonNode column, JsonNode object) {
    JsonNode value = evaluate(column.path("jsonPath").asText(), object);
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "<none>";
    }
    return column.path("type").asText().equals("date") ? age(Duration.between(Instant.parse(value.asText()), now))
        : value.asText();
  }

  static JsonNode evaluate(String path, JsonNode object) {
    Matcher m = SEGMENT.matcher(path);
    JsonNode node = object;
    int at = 0;
    while (at < path.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("JSONPath outside the supported subset: " + path);
      }
      node = node == null ? null : node.get(m.group(1));
      if (m.group(2) != null && node != null) {
        JsonNode match = null;
        for (JsonNode element : node) {
          if (m.group(3).equals(element.path(m.group(2)).asText())) {
            match = element;
            break;
          }
        }
        node = match;
      }
      at = m.end();
    }
    return node;
  }

  /** kubectl's HumanDuration, for the ranges used here. */
  static String age(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    long m = d.toMinutes();
    if (m < 10) {
      return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
    }
    if (m < 180) {
      return m + "m";
    }
    long h = d.toHours();
    return h < 8 && m % 60 != 0 ? h + "h" + (m % 60) + "m" : h + "h";
  }
}
