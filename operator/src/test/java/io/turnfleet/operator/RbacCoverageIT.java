package io.turnfleet.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.turnfleet.operator.HelmChart.Permission;
import io.turnfleet.operator.api.AuthMode;
import io.turnfleet.operator.api.CertificateIssuer;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.Listener;
import io.turnfleet.operator.api.ListenerProtocol;
import io.turnfleet.operator.api.StaticUsersSpec;
import io.turnfleet.operator.api.TlsSpec;
import io.turnfleet.operator.api.ReplicasSpec;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Runs the operator through every path that calls the API (leader election, create, readiness, a
 * scale-down that sets deletion costs, spec changes that repeat an Event, a missing Secret, a switch
 * of auth mode that deletes the generated Secret) and
 * checks the chart's RBAC against the calls it made: each is allowed, and each grant is used.
 */
class RbacCoverageIT {
  private static final Permission SELF_SUBJECT_RULES_REVIEW =
      new Permission("authorization.k8s.io", "selfsubjectrulesreviews", "create", true);
  private static final Permission TOKEN_REVIEW_CREATE =
      new Permission("authentication.k8s.io", "tokenreviews", "create", true);
  private static final Permission BIND_TOKEN_REVIEW_ROLE =
      new Permission("rbac.authorization.k8s.io", "clusterroles", "bind", true);
  private static final Permission LEASE_UPDATE = new Permission("coordination.k8s.io", "leases", "update", false);
  private static final Pattern RESOURCE_PATH = Pattern.compile(
      "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<ns>[^/]+))?/(?<resource>[^/]+)(?:/(?<name>[^/]+)(?:/(?<sub>[^/]+))?)?$");

  @Test
  void theChartGrantsExactlyThePermissionsTheOperatorUses() throws Exception {
    List<Permission> used;
    try (MockCluster cluster = new MockCluster(); LoadEndpoint relayAdmin = new LoadEndpoint("127.0.0.1")) {
      var client = cluster.client();
      client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("turn").endMetadata().build()).create();
      // With leader election, as the chart deploys it: the mock answers java-operator-sdk's
      // SelfSubjectRulesReview with the chart's Lease rules, then the operator takes the Lease.
      cluster.grantSelfSubjectRules(LeaderElectionIT.chartLeaseRules());
      cluster.startOperator(LeaderElectionIT.replica("operator-0").withLoadPollInterval(Duration.ofMillis(500)));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.leases().inNamespace(HelmChart.RELEASE_NAMESPACE)
          .withName(LeaderElection.LEASE_NAME).get() != null);
      cluster.addNode("node-a", Map.of("ExternalIP", "203.0.113.7"));

      TurnServer ts = new TurnServer();
      ts.getMetadata().setName("media");
      ts.getMetadata().setNamespace("turn");
      ts.setSpec(new TurnServerSpec());
      ts.getSpec().setRealm("example.com");
      ts.getSpec().setAdminPort(relayAdmin.port());
      ts.getSpec().getReplicas().setMin(2);
      ts.getSpec().getReplicas().setMax(2);
      client.resource(ts).create();
      await().atMost(Duration.ofSeconds(30)).until(
          () -> client.apps().deployments().inNamespace("turn").withName("media-relay").get() != null);
      cluster.addNode("node-b", Map.of("ExternalIP", "203.0.113.8"));
      cluster.runRelays("turn", "media-relay", true, "node-a", "node-b")
          .forEach(pod -> cluster.setPodIp(pod, "127.0.0.1"));
      relayAdmin.allocations(5);
      await().atMost(Duration.ofSeconds(30)).until(() -> Integer.valueOf(10).equals(
          cluster.turnServer("turn", "media").getStatus().getAllocations()));
      // a scale-down: the operator marks the relays' deletion costs first
      cluster.editSpec("turn", "media", spec -> spec.setReplicas(new ReplicasSpec(1, 1)));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.pods().inNamespace("turn").list().getItems().stream()
          .anyMatch(p -> "5".equals(p.getMetadata().getAnnotations().get("controller.kubernetes.io/pod-deletion-cost"))));

      // drift and a port change: the operator updates what it owns
      client.policy().v1().podDisruptionBudget().inNamespace("turn").withName("media-relay")
          .edit(p -> { p.getSpec().setMaxUnavailable(new io.fabric8.kubernetes.api.model.IntOrString(2)); return p; });
      client.secrets().inNamespace("turn").withName("media-auth")
          .edit(s -> { s.getMetadata().getLabels().remove("app.kubernetes.io/part-of"); return s; });
      await().atMost(Duration.ofSeconds(30)).until(() -> client.secrets().inNamespace("turn").withName("media-auth").get()
          .getMetadata().getLabels().containsKey("app.kubernetes.io/part-of"));
      cluster.editSpec("turn", "media", spec -> spec.setAdminPort(9700));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.services().inNamespace("turn").withName("media-relay-admin")
          .get().getSpec().getPorts().get(0).getPort() == 9700);
      await().atMost(Duration.ofSeconds(30)).until(() -> client.policy().v1().podDisruptionBudget().inNamespace("turn")
          .withName("media-relay").get().getSpec().getMaxUnavailable().getIntVal() == 1);

      // the credential service with TokenReview: its objects, ServiceAccount and binding, then off again
      cluster.editSpec("turn", "media", spec -> {
        spec.getCredentials().setEnabled(true);
        spec.getCredentials().setTokenReview(true);
      });
      await().atMost(Duration.ofSeconds(30)).until(() -> client.rbac().clusterRoleBindings()
          .withName("turnfleet-credentials:turn:media").get() != null
          && client.apps().deployments().inNamespace("turn").withName("media-credentials").get() != null);
      client.serviceAccounts().inNamespace("turn").withName("media-credentials")
          .edit(a -> { a.getMetadata().getLabels().remove("app.kubernetes.io/part-of"); return a; });
      await().atMost(Duration.ofSeconds(30)).until(() -> client.serviceAccounts().inNamespace("turn")
          .withName("media-credentials").get().getMetadata().getLabels().containsKey("app.kubernetes.io/part-of"));
      cluster.editSpec("turn", "media", spec -> spec.getCredentials().setEnabled(false));
      await().atMost(Duration.ofSeconds(30)).until(() -> client.rbac().clusterRoleBindings()
          .withName("turnfleet-credentials:turn:media").get() == null
          && client.apps().deployments().inNamespace("turn").withName("media-credentials").get() == null
          && client.serviceAccounts().inNamespace("turn").withName("media-credentials").get() == null);

      client.secrets().resource(new SecretBuilder().withNewMetadata().withName("users").withNamespace("turn").endMetadata()
          .withData(Map.of("users", "YWxpY2U6c2VjcmV0")).build()).create();
      cluster.editSpec("turn", "media", spec -> {
        spec.getAuth().setMode(AuthMode.StaticUsers);
        spec.getAuth().setStaticUsers(new StaticUsersSpec("users", "users"));
      });
      await().atMost(Duration.ofSeconds(30)).until(
          () -> client.secrets().inNamespace("turn").withName("media-auth").get() == null);
      await().atMost(Duration.ofSeconds(30)).until(() -> client.v1().events().inNamespace("turn").list().getItems()
          .stream().anyMatch(e -> "RollingRelays".equals(e.getReason()) && e.getCount() == 2));

      // a fleet DNS name with a cert-manager Certificate for the TLS listener, which drifts and is restored
      TurnServer named = new TurnServer();
      named.getMetadata().setName("named");
      named.getMetadata().setNamespace("turn");
      named.setSpec(new TurnServerSpec());
      named.getSpec().setRealm("example.com");
      named.getSpec().setListeners(List.of(new Listener(ListenerProtocol.TLS, 5349)));
      named.getSpec().setTls(new TlsSpec("named-tls"));
      named.getSpec().getDns().setHostname("turn.example.com");
      named.getSpec().getDns().setCertificateIssuer(new CertificateIssuer("letsencrypt", "ClusterIssuer"));
      client.resource(named).create();
      var certificates = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
          .withGroup("cert-manager.io").withVersion("v1").withKind("Certificate").withPlural("certificates")
          .withNamespaced(true).build()).inNamespace("turn");
      await().atMost(Duration.ofSeconds(30)).until(() -> certificates.withName("named-relay").get() != null);
      certificates.withName("named-relay").edit(c -> {
        c.getAdditionalProperties().put("spec", Map.of("secretName", "elsewhere"));
        return c;
      });
      // no informer watches Certificates (cert-manager may not be installed): the next reconcile restores it
      cluster.editSpec("turn", "named", spec -> spec.setLogLevel(io.turnfleet.operator.api.LogLevel.DEBUG));
      await().atMost(Duration.ofSeconds(30)).until(() -> String.valueOf(certificates.withName("named-relay").get()
          .getAdditionalProperties().get("spec")).contains("turn.example.com"));

      TurnServer tls = new TurnServer();
      tls.getMetadata().setName("secure");
      tls.getMetadata().setNamespace("turn");
      tls.setSpec(new TurnServerSpec());
      tls.getSpec().setRealm("example.com");
      tls.getSpec().setListeners(List.of(new Listener(ListenerProtocol.TLS, 5349)));
      tls.getSpec().setTls(new TlsSpec("missing"));
      client.resource(tls).create();
      await().atMost(Duration.ofSeconds(30)).until(() -> Optional.ofNullable(cluster.turnServer("turn", "secure").getStatus())
          .map(s -> Conditions.isTrue(s.getConditions(), Conditions.STALLED)).orElse(false));

      cluster.stopOperator();
      used = cluster.drainRequests().stream()
          .filter(r -> MockCluster.OPERATOR_USER_AGENT.equals(r.getHeaders().header("User-Agent")))
          .map(RbacCoverageIT::permission)
          .flatMap(Optional::stream)
          .distinct()
          .toList();
    }
    List<Permission> granted = new java.util.ArrayList<>(
        HelmChart.grantedPermissions(HelmChart.render(Map.of("leaderElection", true))));
    // every authenticated user may review its own rules (ClusterRole system:basic-user)
    granted.add(SELF_SUBJECT_RULES_REVIEW);
    // the chart's TokenReview role is for the credential service's ServiceAccounts, which the operator
    // binds to it; "bind" is checked when the operator creates such a binding, never requested itself
    granted.removeAll(List.of(TOKEN_REVIEW_CREATE, BIND_TOKEN_REVIEW_ROLE));

    Set<String> notGranted = new TreeSet<>();
    for (Permission p : used) {
      boolean allowed = granted.stream().anyMatch(g -> g.group().equals(p.group()) && g.resource().equals(p.resource())
          && g.verb().equals(p.verb()) && (g.clusterScoped() || !p.clusterScoped()));
      if (!allowed) {
        notGranted.add(p.toString());
      }
    }
    assertThat(notGranted).as("API calls the chart's RBAC does not allow").isEmpty();

    assertThat(used).as("the Lease calls of leader election").contains(
        new Permission("coordination.k8s.io", "leases", "get", false),
        new Permission("coordination.k8s.io", "leases", "create", false),
        new Permission("coordination.k8s.io", "leases", "patch", false));

    Set<String> unused = new TreeSet<>();
    for (Permission g : granted) {
      if (g.equals(LEASE_UPDATE)) {
        continue; // fabric8 renews by patch, but java-operator-sdk refuses to start without update
      }
      if (used.stream().noneMatch(p -> p.group().equals(g.group()) && p.resource().equals(g.resource())
          && p.verb().equals(g.verb()))) {
        unused.add(g.toString());
      }
    }
    assertThat(unused).as("granted permissions the operator never used").isEmpty();
  }

  /** The RBAC permission a request needs; empty for discovery and other non-resource URLs. */
  static Optional<Permission> permission(RecordedRequest request) {
    String path = request.getPath();
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    Matcher m = RESOURCE_PATH.matcher(path);
    if (!m.matches()) {
      return Optional.empty();
    }
    String group = m.group("group") == null ? "" : m.group("group");
    String resource = m.group("resource") + (m.group("sub") == null ? "" : "/" + m.group("sub"));
    boolean named = m.group("name") != null;
    String verb = switch (request.getMethod()) {
      case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
      case "POST" -> "create";
      case "PUT" -> "update";
      case "PATCH" -> "patch";
      case "DELETE" -> named ? "delete" : "deletecollection";
      default -> request.getMethod().toLowerCase();
    };
    return Optional.of(new Permission(group, resource, verb, m.group("ns") == null));
  }
}
