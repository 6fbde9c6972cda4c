package io.turnfleet.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CrdRulesTest {
  private static CrdSchema crd;

  @BeforeAll
  static void load() throws IOException {
    crd = CrdSchema.load();
  }

  private static JsonNode turnServer(String specYaml) throws IOException {
    return crd.withDefaults(CrdSchema.YAML.readTree("""
        apiVersion: turnfleet.io/v1alpha1
        kind: TurnServer
        metadata:
          name: demo
          namespace: turn
        spec:
        """ + specYaml.indent(2)));
  }

  @Test
  void everyCelRuleCompilesAgainstTheTypeOfItsSchema() {
    assertThat(crd.rules()).extracting(CrdSchema.Rule::schemaPath).contains(
        ".", ".spec", ".spec.listeners", ".spec.relayPorts", ".spec.replicas", ".spec.auth",
        ".spec.auth.sharedSecret", ".spec.advertisedAddress", ".spec.advertisedAddress.nodes");
  }

  @Test
  void aTurnServerWithOnlyARealmIsValidOnceDefaulted() throws IOException {
    JsonNode ts = turnServer("realm: example.com");
    assertThat(crd.schemaErrors(ts)).isEmpty();
    assertThat(crd.ruleViolations(ts)).isEmpty();
    assertThat(ts.at("/spec/listeners/0/port").asInt()).isEqualTo(3478);
    assertThat(ts.at("/spec/auth/sharedSecret/rotationInterval").asText()).isEqualTo("24h");
  }

  @Test
  void theRealmIsRequired() throws IOException {
    assertThat(crd.schemaErrors(turnServer("logLevel: info"))).anySatisfy(m -> assertThat(m).contains("realm"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      relay port range inverted       | {realm: x, relayPorts: {min: 50000, max: 40000}}                         | spec.relayPorts.min must not exceed spec.relayPorts.max
      replicas inverted               | {realm: x, replicas: {min: 3, max: 2}}                                    | spec.replicas.min must not exceed spec.replicas.max
      listener port twice on TCP      | {realm: x, listeners: [{protocol: TCP, port: 443}, {protocol: TLS, port: 443}], tls: {secretName: t}} | listener ports must be unique per transport (TCP and TLS share the TCP port space)
      TLS without certificate         | {realm: x, listeners: [{protocol: TLS, port: 5349}]}                      | spec.tls.secretName is required when a TLS listener is configured
      static source without nodes     | {realm: x, advertisedAddress: {source: Static}}                           | spec.advertisedAddress.nodes must list addresses when source is Static
      node listed twice               | {realm: x, advertisedAddress: {source: Static, nodes: [{node: a, addresses: [192.0.2.1]}, {node: a, addresses: [192.0.2.2]}]}} | each node may be listed once in spec.advertisedAddress.nodes
      overlap not shorter             | {realm: x, auth: {sharedSecret: {rotationInterval: 1h, overlap: 60m}}}     | spec.auth.sharedSecret.overlap must be shorter than rotationInterval
      propagation not shorter         | {realm: x, auth: {sharedSecret: {rotationInterval: 90s, overlap: 10s, propagationDelay: 2m}}} | spec.auth.sharedSecret.propagationDelay must be shorter than rotationInterval
      static users without secret     | {realm: x, auth: {mode: StaticUsers}}                                     | spec.auth.staticUsers is required when mode is StaticUsers
      admin port on a TCP listener    | {realm: x, adminPort: 3478}                                               | spec.adminPort must differ from every TCP and TLS listener port
      listener inside relay ports     | {realm: x, listeners: [{protocol: UDP, port: 50000}]}                     | listener ports must lie outside spec.relayPorts
      """)
  void celRulesRejectSpecsThatCannotWork(String description, String spec, String message) throws IOException {
    JsonNode ts = turnServer(spec.replace("{realm: x", "{realm: x.example"));
    assertThat(crd.ruleViolations(ts)).as(description).contains(message);
  }

  @Test
  void aLongNameIsRejectedBecauseOwnedObjectNamesExtendIt() throws IOException {
    JsonNode ts = turnServer("realm: x");
    ((com.fasterxml.jackson.databind.node.ObjectNode) ts.get("metadata")).put("name", "n".repeat(41));
    assertThat(crd.ruleViolations(ts)).singleElement().asString().startsWith("metadata.name must be at most 40");
  }

  @Test
  void schemaRejectsValuesOutOfRange() throws IOException {
    assertThat(crd.schemaErrors(turnServer("{realm: x, listeners: [{protocol: SCTP, port: 70000}]}"))).hasSize(2);
    assertThat(crd.schemaErrors(turnServer("{realm: x, auth: {sharedSecret: {rotationInterval: 1d}}}"))).hasSize(1);
    assertThat(crd.schemaErrors(turnServer("{realm: x, peers: {allow: [not-a-cidr]}}"))).hasSize(1);
    assertThat(crd.schemaErrors(turnServer("{realm: x, scaling: {headroomPercent: 500, maxScaleDownPerWindow: 0}}")))
        .hasSize(2);
    assertThat(crd.schemaErrors(turnServer("{realm: x, scaling: {stabilizationWindow: 5 minutes}}"))).hasSize(1);
  }

  @Test
  void theDayTwoDefaultsAreAFiveMinuteWindowTenPercentHeadroomAndATwoMinutePropagationDelay() throws IOException {
    JsonNode ts = turnServer("realm: example.com");
    assertThat(ts.at("/spec/scaling/stabilizationWindow").asText()).isEqualTo("5m");
    assertThat(ts.at("/spec/scaling/headroomPercent").asInt()).isEqualTo(10);
    assertThat(ts.at("/spec/scaling/maxScaleDownPerWindow").asInt()).isEqualTo(1);
    assertThat(ts.at("/spec/auth/sharedSecret/propagationDelay").asText()).isEqualTo("2m");
  }
}
