package io.turnfleet.operator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.turnfleet.operator.RepositoryFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The TurnServer CRD's openAPIV3Schema, used as a real API server would: apply defaults, validate
 * (unknown fields are errors here, where a server would silently prune them) and evaluate every
 * x-kubernetes-validations CEL rule on the value it is attached to.
 */
public final class CrdSchema {
  public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** A compiled CEL rule and where in the schema it sits. */
  public record Rule(String schemaPath, String expression, String message, CelRuntime.Program program) {}

  private final JsonNode schema;
  private final JsonSchema validator;
  private final Map<JsonNode, List<Rule>> rulesBySchemaNode = new java.util.IdentityHashMap<>();
  private final List<Rule> rules = new ArrayList<>();

  private CrdSchema(JsonNode schema) {
    this.schema = schema;
    JsonNode strict = schema.deepCopy();
    // the root also holds apiVersion, kind and metadata, which the server validates itself
    strict.path("properties").forEach(CrdSchema::forbidUnknownFields);
    this.validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(strict);
  }

  public static CrdSchema load() throws IOException {
    return load(RepositoryFiles.checkedInCrd());
  }

  public static CrdSchema load(Path crd) throws IOException {
    JsonNode root = YAML.readTree(crd.toFile());
    CrdSchema schema = new CrdSchema(root.at("/spec/versions/0/schema/openAPIV3Schema"));
    schema.compileRules(schema.schema, "");
    return schema;
  }

  public JsonNode schema() {
    return schema;
  }

  public List<Rule> rules() {
    return rules;
  }

  /** Schema violations of {@code object} (after defaulting, as the server validates). */
  public Set<String> schemaErrors(JsonNode object) {
    return validator.validate(object).stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
  }

  /** Messages of every CEL rule that {@code object} breaks. */
  public List<String> ruleViolations(JsonNode object) {
    List<String> violations = new ArrayList<>();
    evaluate(schema, object, violations);
    return violations;
  }

  /** Applies schema defaults in place, like the API server does on create. */
  public JsonNode withDefaults(JsonNode object) {
    JsonNode copy = object.deepCopy();
    applyDefaults(schema, copy);
    return copy;
  }

  private static void applyDefaults(JsonNode schemaNode, JsonNode value) {
    if (value instanceof ObjectNode object && schemaNode.has("properties")) {
      Iterator<Map.Entry<String, JsonNode>> props = schemaNode.get("properties").fields();
      while (props.hasNext()) {
        Map.Entry<String, JsonNode> prop = props.next();
        if (!object.has(prop.getKey()) && prop.getValue().has("default")) {
          object.set(prop.getKey(), prop.getValue().get("default").deepCopy());
        }
        if (object.has(prop.getKey())) {
          applyDefaults(prop.getValue(), object.get(prop.getKey()));
        }
      }
    } else if (value instanceof ArrayNode array && schemaNode.has("items")) {
      array.forEach(item -> applyDefaults(schemaNode.get("items"), item));
    }
  }

  private static void forbidUnknownFields(JsonNode schemaNode) {
    if (!(schemaNode instanceof ObjectNode node)) {
      return;
    }
    if (node.has("properties") && !node.has("additionalProperties")
        && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
      node.set("additionalProperties", BooleanNode.FALSE);
    }
    node.path("properties").forEach(CrdSchema::forbidUnknownFields);
    forbidUnknownFields(node.path("items"));
    forbidUnknownFields(node.path("additionalProperties"));
  }

  private void compileRules(JsonNode schemaNode, String path) {
    if (schemaNode.has("x-kubernetes-validations")) {
      List<Rule> here = new ArrayList<>();
      CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder()
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addVar("self", celType(schemaNode))
          .build();
      CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
      for (JsonNode rule : schemaNode.get("x-kubernetes-validations")) {
        String expression = rule.get("rule").asText();
        try {
          CelAbstractSyntaxTree ast = compiler.compile(expression).getAst();
          here.add(new Rule(path.isEmpty() ? "." : path, expression, rule.path("message").asText(),
              runtime.createProgram(ast)));
        } catch (CelValidationException | CelEvaluationException e) {
          throw new IllegalStateException("CEL rule at " + path + " does not compile: " + expression
              + "\n" + e.getMessage(), e);
        }
      }
      rulesBySchemaNode.put(schemaNode, here);
      rules.addAll(here);
    }
    schemaNode.path("properties").fields().forEachRemaining(p -> compileRules(p.getValue(), path + "." + p.getKey()));
    if (schemaNode.has("items")) {
      compileRules(schemaNode.get("items"), path + "[*]");
    }
    if (schemaNode.path("additionalProperties").isObject()) {
      compileRules(schemaNode.get("additionalProperties"), path + ".*");
    }
  }

  /** The CEL type Kubernetes gives a value of this schema (objects become maps of dyn here). */
  static CelType celType(JsonNode schemaNode) {
    if (schemaNode.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SimpleType.DYN;
    }
    return switch (schemaNode.path("type").asText()) {
      case "integer" -> SimpleType.INT;
      case "number" -> SimpleType.DOUBLE;
      case "string" -> SimpleType.STRING;
      case "boolean" -> SimpleType.BOOL;
      case "array" -> ListType.create(celType(schemaNode.get("items")));
      case "object" -> schemaNode.path("additionalProperties").isObject()
          ? MapType.create(SimpleType.STRING, celType(schemaNode.get("additionalProperties")))
          : MapType.create(SimpleType.STRING, SimpleType.DYN);
      default -> SimpleType.DYN;
    };
  }

  private void evaluate(JsonNode schemaNode, JsonNode value, List<String> violations) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return;
    }
    for (Rule rule : rulesBySchemaNode.getOrDefault(schemaNode, List.of())) {
      try {
        Object result = rule.program().eval(Map.of("self", toCel(value)));
        if (!Boolean.TRUE.equals(result)) {
          violations.add(rule.message());
        }
      } catch (CelEvaluationException e) {
        violations.add(rule.message() + " (evaluation error: " + e.getMessage() + ")");
      }
    }
    schemaNode.path("properties").fields().forEachRemaining(p -> evaluate(p.getValue(), value.get(p.getKey()), violations));
    if (schemaNode.has("items") && value.isArray()) {
      value.forEach(item -> evaluate(schemaNode.get("items"), item, violations));
    }
    if (schemaNode.path("additionalProperties").isObject() && value.isObject()) {
      value.forEach(v -> evaluate(schemaNode.get("additionalProperties"), v, violations));
    }
  }

  static Object toCel(JsonNode node) {
    if (node.isIntegralNumber()) {
      return node.asLong();
    } else if (node.isNumber()) {
      return node.asDouble();
    } else if (node.isBoolean()) {
      return node.asBoolean();
    } else if (node.isTextual()) {
      return node.asText();
    } else if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(n -> list.add(toCel(n)));
      return list;
    } else if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      node.fields().forEachRemaining(e -> map.put(e.getKey(), toCel(e.getValue())));
      return map;
    }
    return null;
  }
}
