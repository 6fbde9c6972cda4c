package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.secrets.AuthKeyGenerator;
import io.turnfleet.operator.secrets.AuthKeys;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Reconciles a TurnServer: checks the spec, applies the owned objects through the workflow (only
 * when the spec can work, so a broken edit never replaces a running fleet), then publishes status.
 */
@ControllerConfiguration(name = TurnServerReconciler.NAME,
    maxReconciliationInterval = @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@Workflow(explicitInvocation = true, dependents = {
    @Dependent(name = "relay-config", type = RelayConfigMapDependent.class),
    @Dependent(name = "fleet", type = FleetConfigMapDependent.class),
    @Dependent(name = "auth", type = AuthSecretDependent.class,
        reconcilePrecondition = GeneratedAuthSecretCondition.class),
    @Dependent(name = "admin-service", type = AdminServiceDependent.class),
    @Dependent(name = "disruption-budget", type = DisruptionBudgetDependent.class),
    @Dependent(name = "deployment", type = DeploymentDependent.class, dependsOn = {"relay-config", "fleet"})
})
public class TurnServerReconciler implements Reconciler<TurnServer> {
  public static final String NAME = "turnserver";
  /** How often a fleet whose spec cannot work is looked at again (a missing Secret may appear). */
  static final Duration PROBLEM_RECHECK = Duration.ofSeconds(60);
  private static final Logger log = LoggerFactory.getLogger(TurnServerReconciler.class);
  private static final String PODS = "relay-pods";
  private static final String NODES = "nodes";

  private final String defaultRelayImage;
  private final AuthKeyGenerator keyGenerator;
  private final Clock clock;

  public TurnServerReconciler(String defaultRelayImage, AuthKeyGenerator keyGenerator, Clock clock) {
    this.defaultRelayImage = defaultRelayImage;
    this.keyGenerator = keyGenerator;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, TurnServer>> prepareEventSources(EventSourceContext<TurnServer> context) {
    InformerEventSource<Pod, TurnServer> pods = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Pod.class, TurnServer.class)
            .withName(PODS)
            .withLabelSelector(FleetLabels.RELAY_POD_SELECTOR)
            .withSecondaryToPrimaryMapper(pod -> Set.of(new ResourceID(
                pod.getMetadata().getLabels().get(FleetLabels.INSTANCE), pod.getMetadata().getNamespace())))
            .build(), context);
    // Nodes are cluster-scoped and not owned: map a node to the fleets with a relay on it, and back.
    InformerEventSource<Node, TurnServer> nodes = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Node.class, TurnServer.class)
            .withName(NODES)
            .withWatchAllNamespaces()
            .withOnUpdateFilter((updated, old) -> !Objects.equals(
                updated.getStatus() == null ? null : updated.getStatus().getAddresses(),
                old.getStatus() == null ? null : old.getStatus().getAddresses()))
            .withSecondaryToPrimaryMapper(node -> pods.list(pod -> node.getMetadata().getName()
                    .equals(pod.getSpec().getNodeName()))
                .map(pod -> new ResourceID(pod.getMetadata().getLabels().get(FleetLabels.INSTANCE),
                    pod.getMetadata().getNamespace()))
                .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((TurnServer ts) -> pods.list(ts.getMetadata().getNamespace(),
                    pod -> ts.getMetadata().getName().equals(pod.getMetadata().getLabels().get(FleetLabels.INSTANCE)))
                .map(pod -> pod.getSpec().getNodeName())
                .filter(Objects::nonNull)
                .map(node -> new ResourceID(node, null))
                .collect(Collectors.toSet()))
            .build(), context);
    return List.of(pods, nodes);
  }

  @Override
  public UpdateControl<TurnServer> reconcile(TurnServer ts, Context<TurnServer> context) {
    MDC.put("namespace", ts.getMetadata().getNamespace());
    MDC.put("name", ts.getMetadata().getName());
    try {
      return reconcileFleet(ts, context);
    } finally {
      MDC.remove("namespace");
      MDC.remove("name");
    }
  }

  private UpdateControl<TurnServer> reconcileFleet(TurnServer ts, Context<TurnServer> context) {
    FleetEvents events = new FleetEvents(context.getClient(), clock);
    List<SpecProblem> problems = new ArrayList<>(SpecCheck.check(ts));
    if (problems.isEmpty()) {
      problems.addAll(new ReferencedSecrets(context.getClient()).check(ts));
    }
    FleetSnapshot fleet = problems.isEmpty() ? observeFleet(ts, context) : FleetSnapshot.empty();
    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class);
    int replicas = deployment.map(d -> d.getSpec().getReplicas()).orElse(ts.getSpec() == null ? 0
        : ts.getSpec().getReplicas().getMin());
    if (problems.isEmpty()) {
      replicas = Math.max(ts.getSpec().getReplicas().getMin(), Math.min(ts.getSpec().getReplicas().getMax(), replicas));
      RelayFleetModel model = RelayFleetModel.from(ts,
          new FleetInputs(defaultRelayImage, authKeys(ts, context), fleet, replicas));
      String liveHash = deployment.map(d -> d.getSpec().getTemplate().getMetadata().getAnnotations())
          .map(a -> a.get(RelayDeployment.CONFIG_HASH_ANNOTATION)).orElse(null);
      context.managedWorkflowAndDependentResourceContext().put(RelayFleetModel.class, model);
      context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow()
          .throwAggregateExceptionIfErrorsPresent();
      if (liveHash != null && !liveHash.equals(model.configHash())) {
        log.info("relay configuration changed, rolling relays");
        events.rolloutStarted(ts);
      }
      deployment = context.getSecondaryResource(Deployment.class);
    } else {
      log.info("spec cannot work: {}", problems.stream().map(SpecProblem::describe).collect(Collectors.joining("; ")));
      fleet = observeFleet(ts, context);
    }
    TurnServerStatus status = FleetStatus.compute(ts, fleet, deployment, problems, replicas, clock.instant());
    UpdateControl<TurnServer> control;
    if (status.equals(ts.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      events.statusChanged(ts, ts.getStatus(), status);
      control = UpdateControl.patchStatus(withStatus(ts, status));
    }
    return problems.isEmpty() ? control : control.rescheduleAfter(PROBLEM_RECHECK);
  }

  /** Keys of the generated auth Secret: the live ones, or new ones the first time. */
  private Optional<AuthKeys> authKeys(TurnServer ts, Context<TurnServer> context) {
    if (!RelayFleetModel.generatesAuthSecret(ts.getSpec())) {
      return Optional.empty();
    }
    String name = TurnServerNames.authSecretName(ts);
    Optional<AuthKeys> live = context.getSecondaryResources(Secret.class).stream()
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst()
        .flatMap(AuthKeys::fromSecret);
    return Optional.of(live.orElseGet(keyGenerator::initialKeys));
  }

  private static FleetSnapshot observeFleet(TurnServer ts, Context<TurnServer> context) {
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    Set<Node> nodes = context.getSecondaryResources(Node.class);
    return FleetSnapshot.observe(pods,
        name -> nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst().orElse(null),
        ts.getSpec().getAdvertisedAddress());
  }

  /** A fresh TurnServer carrying only identity and status, so a status patch touches nothing else. */
  private static TurnServer withStatus(TurnServer ts, TurnServerStatus status) {
    TurnServer fresh = new TurnServer();
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(ts.getMetadata().getName())
        .withNamespace(ts.getMetadata().getNamespace())
        .withResourceVersion(ts.getMetadata().getResourceVersion())
        .build());
    fresh.setStatus(status);
    return fresh;
  }

  @Override
  public ErrorStatusUpdateControl<TurnServer> updateErrorStatus(TurnServer ts, Context<TurnServer> context,
      Exception e) {
    long generation = Objects.requireNonNullElse(ts.getMetadata().getGeneration(), 0L);
    TurnServerStatus status = ts.getStatus() == null ? new TurnServerStatus() : ts.getStatus();
    String message = "Applying the fleet's objects failed (" + e.getClass().getSimpleName()
        + "); the operator retries with backoff.";
    TurnServerStatus updated = copyOf(status);
    updated.setConditions(Conditions.set(status.getConditions(), Conditions.DEGRADED, true, "ReconcileFailed",
        message, generation, clock.instant()));
    log.warn("reconcile failed", e);
    if (updated.equals(status)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    return ErrorStatusUpdateControl.patchStatus(withStatus(ts, updated));
  }

  private static TurnServerStatus copyOf(TurnServerStatus status) {
    TurnServerStatus copy = new TurnServerStatus();
    copy.setObservedGeneration(status.getObservedGeneration());
    copy.setConditions(new ArrayList<>(status.getConditions()));
    copy.setReplicas(status.getReplicas());
    copy.setReadyReplicas(status.getReadyReplicas());
    copy.setAllocations(status.getAllocations());
    copy.setRelays(new ArrayList<>(status.getRelays()));
    copy.setUris(new ArrayList<>(status.getUris()));
    return copy;
  }
}
