package io.turnfleet.operator.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.turnfleet.operator.RepositoryFiles;
import io.turnfleet.operator.api.TurnServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health check the chart ships ({@code helm/turnfleet/argocd/health.lua}) run by a real
 * Lua engine (LuaJ) as Argo CD runs it, with the resource as global {@code obj}, against TurnServers
 * whose status the operator's own {@link FleetStatus} computed.
 */
class ArgoCdHealthTest {
  private static final Path SCRIPT = RepositoryFiles.root().resolve("helm/turnfleet/argocd/health.lua");
  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  /** The health check's answer: status and message. */
  private static Map<String, String> health(TurnServer ts) throws IOException {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(JSON.convertValue(ts, JsonNode.class)));
    LuaValue hs = globals.load(Files.readString(SCRIPT), "health.lua").call();
    return Map.of("status", hs.get("status").tojstring(), "message", hs.get("message").tojstring());
  }

  /** JSON as Argo CD hands it to Lua: objects and arrays as tables (arrays from 1), numbers as numbers. */
  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      node.fields().forEachRemaining(f -> table.set(f.getKey(), lua(f.getValue())));
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.asDouble());
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.asBoolean());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  private static void assertHealth(TurnServer ts, String status, String message) throws IOException {
    assertThat(health(ts)).isEqualTo(Map.of("status", status, "message", message));
  }

  @Test
  void aFleetWithoutReadyRelaysIsProgressing() throws IOException {
    assertHealth(StatusSamples.pending(), "Progressing",
        "RollingOut: 2 of 2 relays run the current configuration, 0 are ready.");
  }

  @Test
  void aMissingStaticUsersSecretIsDegradedNamingTheField() throws IOException {
    assertHealth(StatusSamples.failed(), "Degraded",
        "SecretNotFound: spec.auth.staticUsers.secretName: Secret 'turn-users' does not exist in namespace 'turn'.");
  }

  @Test
  void aFleetWhoseRelaysAllServeIsHealthy() throws IOException {
    assertHealth(StatusSamples.ready(), "Healthy", "2 of 2 relays are ready and advertise an address.");
  }

  @Test
  void aStatusOfAnOlderGenerationIsProgressingEvenWhenItSaysReady() throws IOException {
    assertHealth(StatusSamples.oldGeneration(), "Progressing", "Waiting for the operator to observe generation 4");
  }

  @Test
  void aTurnServerWithoutStatusIsProgressing() throws IOException {
    TurnServer fresh = SampleFleets.turnServer();
    assertThat(health(fresh).get("status")).isEqualTo("Progressing");
  }
}
