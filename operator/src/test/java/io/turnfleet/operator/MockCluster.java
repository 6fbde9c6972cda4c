package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A fabric8 mock API server in CRUD mode with the TurnServer CRD registered, the real operator on
 * top, and the parts of a cluster the mock lacks played by hand: a kubelet that runs pods on nodes
 * and a Deployment controller that reports rollout status. More operator replicas (each with a
 * client of its own user agent) can run against it, for leader election.
 */
public final class MockCluster implements AutoCloseable {
  /** The operator's client identifies itself with this, so its requests can be told from the test's. */
  public static final String OPERATOR_USER_AGENT = "turnfleet-operator-under-test";
  public static final Set<String> WRITE_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final KubernetesMockServer server;
  private final ApiServerDispatcher dispatcher = new ApiServerDispatcher();
  private final KubernetesClient client;
  private final KubernetesClient operatorClient;
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final List<KubernetesClient> replicaClients = new ArrayList<>();
  private final List<Operator> replicas = new ArrayList<>();
  private Operator operator;

  public MockCluster() throws IOException {
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
        dispatcher, false);
    server.init();
    client = server.createClient(b -> b.editOrNewConfig().withHttp2Disable(true)
        .withRequestTimeout(Config.DEFAULT_REQUEST_TIMEOUT).endConfig());
    operatorClient = operatorClient(OPERATOR_USER_AGENT);
    try (InputStream crd = Files.newInputStream(RepositoryFiles.checkedInCrd())) {
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    }
  }

  public KubernetesClient client() {
    return client;
  }

  public static final String TEST_CREDENTIALS_IMAGE = "registry.example/turnfleet-credentials:test";

  public static OperatorSettings testSettings() {
    return OperatorSettings.defaults("registry.example/turnfleet-relay:test")
        .withCredentialsImage(TEST_CREDENTIALS_IMAGE);
  }

  public void startOperator() {
    startOperator(testSettings());
  }

  public void startOperator(OperatorSettings settings) {
    startOperator(settings, new SimpleMeterRegistry());
  }

  public void startOperator(OperatorSettings settings, MeterRegistry registry) {
    operator = TurnFleetOperator.create(operatorClient, settings, registry, Clock.systemUTC(),
        () -> {});
    operator.start();
  }

  /** Starts one more operator replica whose requests carry {@code userAgent}; stopped by {@link #close()}. */
  public Operator startReplica(String userAgent, OperatorSettings settings) {
    KubernetesClient replicaClient = operatorClient(userAgent);
    replicaClients.add(replicaClient);
    Operator replica = TurnFleetOperator.create(replicaClient, settings, new SimpleMeterRegistry(), Clock.systemUTC(),
        () -> {});
    replicas.add(replica);
    replica.start();
    return replica;
  }

  /** The next request with this method and path (without query) is answered with HTTP {@code code}. */
  public void failNext(int code, String method, String path) {
    dispatcher.failNext(code, method, path);
  }

  /** Rules the API server reports to every SelfSubjectRulesReview from now on. */
  public void grantSelfSubjectRules(List<ResourceRule> rules) {
    dispatcher.grant(rules);
  }

  /**
   * A client as the operator's in a cluster, with two changes the mock needs: HTTP/1.1 only, because
   * the JDK client offers an h2c upgrade on plain HTTP that the mock's Vert.x server accepts and then
   * occasionally garbles (fabric8 pull request 7662); and the production request timeout, which the
   * mock's empty base configuration lacks, so that no request can hang a reconcile forever.
   */
  private KubernetesClient operatorClient(String userAgent) {
    return server.createClient(b -> b.editOrNewConfig().withUserAgent(userAgent).withHttp2Disable(true)
        .withRequestTimeout(Config.DEFAULT_REQUEST_TIMEOUT).endConfig());
  }

  public void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  public Operator operator() {
    return operator;
  }

  /** Every request the server received since the last call, in order. */
  public synchronized List<RecordedRequest> drainRequests() throws InterruptedException {
    RecordedRequest r;
    while ((r = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
      requests.add(r);
    }
    List<RecordedRequest> drained = new ArrayList<>(requests);
    requests.clear();
    return drained;
  }

  public static List<String> writes(List<RecordedRequest> requests) {
    return requests.stream()
        .filter(r -> WRITE_METHODS.contains(r.getMethod()))
        .map(r -> r.getMethod() + " " + r.getPath())
        .toList();
  }

  /** Creates TurnServer {@code namespace/name} with {@code spec}. */
  public TurnServer createTurnServer(String namespace, String name, TurnServerSpec spec) {
    TurnServer ts = new TurnServer();
    ts.getMetadata().setName(name);
    ts.getMetadata().setNamespace(namespace);
    ts.setSpec(spec);
    return client.resources(TurnServer.class).resource(ts).create();
  }

  /** Adds a Node with the given addresses ({@code type -> address}, e.g. ExternalIP). */
  public void addNode(String name, Map<String, String> addresses) {
    addNode(name, addresses.entrySet().stream()
        .map(e -> new io.fabric8.kubernetes.api.model.NodeAddress(e.getValue(), e.getKey()))
        .toList());
  }

  /** Adds a Node with these addresses, in order (a dual-stack node has one of each family per type). */
  public void addNode(String name, List<io.fabric8.kubernetes.api.model.NodeAddress> addresses) {
    client.nodes().resource(new NodeBuilder()
        .withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
        .withNewStatus().withAddresses(addresses).endStatus()
        .build()).create();
  }

  /**
   * Plays Deployment controller and kubelet: runs one pod per replica of the Deployment's current
   * template, pod i on {@code nodes[i]}, replacing pods of older templates, and reports status.
   */
  public List<Pod> runRelays(String namespace, String deploymentName, boolean ready, String... nodes) {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deploymentName).get();
    String hash = d.getSpec().getTemplate().getMetadata().getAnnotations().get("turnfleet.io/config-hash");
    client.pods().inNamespace(namespace).withLabels(d.getSpec().getSelector().getMatchLabels()).list().getItems()
        .forEach(p -> client.pods().resource(p).delete());
    List<Pod> pods = new ArrayList<>();
    int replicas = d.getSpec().getReplicas();
    for (int i = 0; i < replicas && i < nodes.length; i++) {
      Pod pod = new PodBuilder()
          .withNewMetadata()
            .withName(deploymentName + "-" + hash.substring(0, 8) + "-" + i)
            .withNamespace(namespace)
            .withLabels(d.getSpec().getTemplate().getMetadata().getLabels())
            .withAnnotations(d.getSpec().getTemplate().getMetadata().getAnnotations())
          .endMetadata()
          .withSpec(new io.fabric8.kubernetes.api.model.PodSpecBuilder(d.getSpec().getTemplate().getSpec())
              .withNodeName(nodes[i]).build())
          .withNewStatus()
            .withPhase("Running")
            .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
          .endStatus()
          .build();
      pods.add(client.pods().resource(pod).create());
    }
    int readyCount = ready ? pods.size() : 0;
    // the operator writes the Deployment too: read it fresh and retry on a conflict, as a controller does
    onConflictRetry(() -> client.apps().deployments().inNamespace(namespace).withName(deploymentName).editStatus(x -> {
      x.setStatus(new DeploymentStatusBuilder()
          .withObservedGeneration(x.getMetadata().getGeneration())
          .withReplicas(pods.size())
          .withUpdatedReplicas(pods.size())
          .withReadyReplicas(readyCount)
          .withAvailableReplicas(readyCount)
          .build());
      return x;
    }));
    return pods;
  }

  /**
   * Changes a TurnServer, read fresh; on a conflict with the operator's concurrent status writes it
   * reads again and retries, as kubectl edit users do.
   */
  public TurnServer editTurnServer(String namespace, String name, java.util.function.Consumer<TurnServer> change) {
    return onConflictRetry(() -> client.resources(TurnServer.class).inNamespace(namespace).withName(name).edit(ts -> {
      change.accept(ts);
      return ts;
    }));
  }

  /** Runs a read-modify-write again (up to 20 times) while the API server answers 409 Conflict. */
  private static <T> T onConflictRetry(java.util.function.Supplier<T> write) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != 409 || attempt == 20) {
          throw e;
        }
      }
    }
  }

  public TurnServer editSpec(String namespace, String name, java.util.function.Consumer<TurnServerSpec> change) {
    return editTurnServer(namespace, name, ts -> change.accept(ts.getSpec()));
  }

  /** Gives a pod an IP, as a kubelet does once it runs: the operator polls the relay's /load there. */
  public void setPodIp(Pod pod, String ip) {
    onConflictRetry(() -> client.pods().inNamespace(pod.getMetadata().getNamespace())
        .withName(pod.getMetadata().getName()).editStatus(p -> {
          p.getStatus().setPodIP(ip);
          return p;
        }));
  }

  public TurnServer turnServer(String namespace, String name) {
    return client.resources(TurnServer.class).inNamespace(namespace).withName(name).get();
  }

  @Override
  public void close() {
    stopOperator();
    replicas.forEach(Operator::stop);
    replicaClients.forEach(KubernetesClient::close);
    operatorClient.close();
    client.close();
    server.destroy();
  }
}
