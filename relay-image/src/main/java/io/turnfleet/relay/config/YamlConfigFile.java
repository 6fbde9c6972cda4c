package io.turnfleet.relay.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Settings from the YAML file of --config: a mapping from flag name (without dashes) to a scalar, or
 * for a repeatable flag a list of scalars or a single scalar. Parse errors report a position only:
 * the parser's own messages quote the offending line, which may hold a password.
 */
final class YamlConfigFile {

    private static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private YamlConfigFile() {
    }

    /** @param label how the --config setting was named ("--config", "TURNFLEET_CONFIG") */
    static Map<Flag<?>, Setting> read(Path file, String label) {
        JsonNode root = load(file, label);
        Map<Flag<?>, Setting> settings = new LinkedHashMap<>();
        if (root == null || root.isMissingNode() || root.isNull()) {
            return settings;
        }
        if (!root.isObject()) {
            throw new ConfigException(file + ": expected a mapping of flag names to values, such as 'relay-ports: 49152-65535'");
        }
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            Flag<?> flag = flag(file, field.getKey());
            String keyLabel = file + ": " + flag.name();
            settings.put(flag, new Setting(flag, keyLabel, values(flag, keyLabel, field.getValue())));
        }
        return settings;
    }

    private static JsonNode load(Path file, String label) {
        try {
            if (!Files.isRegularFile(file)) {
                String problem = Files.exists(file) ? "not a regular file" : "no such file";
                throw new ConfigException(label + " '" + file + "': " + problem + " (expected a readable YAML file)");
            }
            return MAPPER.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
            throw new ConfigException(label + " '" + file + "': not valid YAML" + where
                    + " (expected a mapping of flag names to values, each key once)");
        } catch (IOException e) {
            throw new ConfigException(label + " '" + file + "': cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private static Flag<?> flag(Path file, String key) {
        Flag<?> flag = RelayFlags.byName(key);
        if (flag == null) {
            String closest = Spelling.closest(key, RelayFlags.ALL.stream()
                    .filter(f -> f.allowedFrom(Flag.Source.CONFIG_FILE)).map(Flag::name).toList());
            throw new ConfigException(file + ": unknown key '" + key + "'"
                    + (closest == null ? "" : " (did you mean '" + closest + "'?)") + "; see --help");
        }
        if (!flag.allowedFrom(Flag.Source.CONFIG_FILE)) {
            throw new ConfigException(file + ": key '" + key + "' cannot be set in the config file (use " + flag.option() + ")");
        }
        return flag;
    }

    private static List<String> values(Flag<?> flag, String label, JsonNode node) {
        if (node.isArray()) {
            if (!flag.isRepeatable()) {
                throw new ConfigException(label + ": expected one value, not a list");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode element : node) {
                values.add(scalar(label, element));
            }
            return values;
        }
        return List.of(scalar(label, node));
    }

    private static String scalar(String label, JsonNode node) {
        if (node.isNull()) {
            throw new ConfigException(label + ": missing value (expected a value after the key)");
        }
        if (!node.isValueNode()) {
            throw new ConfigException(label + ": expected a plain value, not a nested " + (node.isObject() ? "mapping" : "list"));
        }
        return node.asText();
    }
}
