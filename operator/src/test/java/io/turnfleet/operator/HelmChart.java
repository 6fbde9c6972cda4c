package io.turnfleet.operator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The chart in helm/turnfleet, rendered by real Helm (helm-java). */
public final class HelmChart {
  public static final String RELEASE_NAMESPACE = "turnfleet-system";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private HelmChart() {}

  public static Helm chart() {
    return new Helm(RepositoryFiles.root().resolve("helm/turnfleet"));
  }

  /** Renders the chart with values set as {@code key -> value}; returns every object. */
  public static List<JsonNode> render(Map<String, Object> values) throws IOException {
    return render(values, t -> t);
  }

  public static List<JsonNode> render(Map<String, Object> values, UnaryOperator<TemplateCommand> options)
      throws IOException {
    TemplateCommand template = chart().template().withName("turnfleet").withNamespace(RELEASE_NAMESPACE)
        .withKubeVersion("1.26.0");
    for (Map.Entry<String, Object> v : values.entrySet()) {
      template = template.set(v.getKey(), v.getValue());
    }
    String rendered = options.apply(template).call();
    List<JsonNode> objects = new ArrayList<>();
    try (var parser = YAML.getFactory().createParser(rendered)) {
      YAML.readValues(parser, JsonNode.class).forEachRemaining(n -> {
        if (n != null && n.isObject() && n.has("kind")) {
          objects.add(n);
        }
      });
    }
    return objects;
  }

  /** One permission: verb on a resource (with subresource) of an API group. */
  public record Permission(String group, String resource, String verb, boolean clusterScoped) {
    @Override
    public String toString() {
      return verb + " " + (group.isEmpty() ? "core" : group) + "/" + resource + (clusterScoped ? " (cluster)" : "");
    }
  }

  /** Permissions granted by the rendered RBAC objects; ClusterRole rules count as cluster-wide. */
  public static List<Permission> grantedPermissions(List<JsonNode> objects) {
    List<Permission> granted = new ArrayList<>();
    for (JsonNode o : objects) {
      String kind = o.path("kind").asText();
      if (!kind.equals("ClusterRole") && !kind.equals("Role")) {
        continue;
      }
      for (JsonNode rule : o.path("rules")) {
        for (JsonNode group : rule.path("apiGroups")) {
          for (JsonNode resource : rule.path("resources")) {
            for (JsonNode verb : rule.path("verbs")) {
              granted.add(new Permission(group.asText(), resource.asText(), verb.asText(), kind.equals("ClusterRole")));
            }
          }
        }
      }
    }
    return granted;
  }
}
