package io.turnfleet.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingConfigurationBuilder;
import io.javaoperatorsdk.operator.processing.event.source.polling.PerResourcePollingEventSource;
import io.turnfleet.operator.api.AutoscalingStatus;
import io.turnfleet.operator.api.Conditions;
import io.turnfleet.operator.api.SharedSecretStatus;
import io.turnfleet.operator.api.TurnServer;
import io.turnfleet.operator.api.TurnServerNames;
import io.turnfleet.operator.api.TurnServerStatus;
import io.turnfleet.operator.fleet.DrainOrder;
import io.turnfleet.operator.fleet.EligibleNodes;
import io.turnfleet.operator.fleet.FleetLoad;
import io.turnfleet.operator.fleet.FleetSnapshot;
import io.turnfleet.operator.fleet.LoadPoller;
import io.turnfleet.operator.fleet.LoadSample;
import io.turnfleet.operator.fleet.LoadSummary;
import io.turnfleet.operator.fleet.NodePlacementFacts;
import io.turnfleet.operator.fleet.RelayPod;
import io.turnfleet.operator.fleet.ScalingDecision;
import io.turnfleet.operator.fleet.ScalingHistory;
import io.turnfleet.operator.fleet.ScalingPolicy;
import io.turnfleet.operator.fleet.ScalingTargets;
import io.turnfleet.operator.secrets.AuthKeyGenerator;
import io.turnfleet.operator.secrets.AuthSecretState;
import io.turnfleet.operator.secrets.RotationSchedule;
import io.turnfleet.operator.secrets.SecretRotation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles a TurnServer: checks the spec, sizes the fleet from its load, advances the shared
 * secret's rotation, marks which relay drains first, applies the owned objects through the workflow
 * (only when the spec can work, so a broken edit never replaces a running fleet), then publishes
 * status. Load reports arrive through a polling event source that reconciles on every poll.
 */
@ControllerConfiguration(name = TurnServerReconciler.NAME,
    generationAwareEventProcessing = false,
    informer = @Informer(onUpdateFilter = SpecOrRotationRequestChanged.class),
    maxReconciliationInterval = @MaxReconciliationInterval(interval = TurnServerReconciler.MAX_INTERVAL_MINUTES,
        timeUnit = TimeUnit.MINUTES))
@Workflow(explicitInvocation = true, handleExceptionsInReconciler = true, dependents = {
    @Dependent(name = "relay-config", type = RelayConfigMapDependent.class),
    @Dependent(name = "fleet", type = FleetConfigMapDependent.class),
    @Dependent(name = "auth", type = AuthSecretDependent.class,
        reconcilePrecondition = GeneratedAuthSecretCondition.class),
    @Dependent(name = "admin-service", type = AdminServiceDependent.class),
    @Dependent(name = "disruption-budget", type = DisruptionBudgetDependent.class),
    @Dependent(name = "deployment", type = DeploymentDependent.class, dependsOn = {"relay-config", "fleet"}),
    @Dependent(name = "dns-service", type = RelayDnsServiceDependent.class,
        reconcilePrecondition = DnsPublishedCondition.class),
    @Dependent(name = "credentials-relays", type = CredentialsRelaysDependent.class,
        reconcilePrecondition = CredentialsEnabledCondition.class),
    @Dependent(name = "credentials-service-account", type = CredentialsServiceAccountDependent.class,
        reconcilePrecondition = TokenReviewCondition.class),
    @Dependent(name = "credentials-deployment", type = CredentialsDeploymentDependent.class,
        reconcilePrecondition = CredentialsEnabledCondition.class, dependsOn = "credentials-relays"),
    @Dependent(name = "credentials-service", type = CredentialsServiceDependent.class,
        reconcilePrecondition = CredentialsEnabledCondition.class),
    @Dependent(name = "credentials-disruption-budget", type = CredentialsDisruptionBudgetDependent.class,
        reconcilePrecondition = CredentialsEnabledCondition.class)
})
public class TurnServerReconciler implements Reconciler<TurnServer> {
  public static final String NAME = "turnserver";
  public static final String RETRYING = "RetryingAfterError";
  public static final String FAILED = "ReconcileFailed";
  static final int MAX_INTERVAL_MINUTES = 5;
  /** How often a fleet whose spec cannot work is looked at again (a missing Secret may appear). */
  static final Duration PROBLEM_RECHECK = Duration.ofSeconds(60);
  /** A relay's /load answers in milliseconds; one that takes longer counts as failing. */
  static final Duration LOAD_TIMEOUT = Duration.ofSeconds(2);
  /** A load report expires after this many poll intervals without a newer one. */
  static final int LOAD_REPORT_LIFETIME_POLLS = 3;
  private static final Duration WAKE_UP_MARGIN = Duration.ofMillis(20);
  /** After a conflict the informer has the newer copy within milliseconds; this is a backstop. */
  private static final Duration CONFLICT_RETRY = Duration.ofSeconds(1);
  private static final Logger log = LoggerFactory.getLogger(TurnServerReconciler.class);
  private static final String PODS = "relay-pods";
  private static final String NODES = "nodes";
  private static final String LOAD = "relay-load";
  /** The relay Deployment's event source: the credential service has a Deployment too. */
  private static final String RELAY_DEPLOYMENT = "deployment";

  private final DefaultImages defaultImages;
  private final AuthKeyGenerator keyGenerator;
  private final Clock clock;
  private final Duration loadPollInterval;
  private final Duration fleetFileDelay;
  private final Map<ResourceID, ScalingHistory> histories = new ConcurrentHashMap<>();
  private final FleetMetrics metrics;
  private volatile InformerEventSource<Node, TurnServer> allNodes;

  public TurnServerReconciler(DefaultImages defaultImages, AuthKeyGenerator keyGenerator, Clock clock,
      Duration loadPollInterval, Duration fleetFileDelay, FleetMetrics metrics) {
    this.metrics = metrics;
    this.defaultImages = defaultImages;
    this.keyGenerator = keyGenerator;
    this.clock = clock;
    this.loadPollInterval = loadPollInterval;
    this.fleetFileDelay = fleetFileDelay;
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
    // Nodes are cluster-scoped and not owned. Any node may become a fleet's spare node or change the
    // address families its relays serve, so a node's change concerns every fleet; the secondary
    // Nodes of a fleet are those running its relays.
    InformerEventSource<Node, TurnServer> nodes = new InformerEventSource<>(
        InformerEventSourceConfiguration.from(Node.class, TurnServer.class)
            .withName(NODES)
            .withWatchAllNamespaces()
            .withOnUpdateFilter((updated, old) -> !NodePlacementFacts.of(updated).equals(NodePlacementFacts.of(old)))
            .withSecondaryToPrimaryMapper(node -> context.getPrimaryCache().list()
                .map(ResourceID::fromResource)
                .collect(Collectors.toSet()))
            .withPrimaryToSecondaryMapper((TurnServer ts) -> pods.list(ts.getMetadata().getNamespace(),
                    pod -> ts.getMetadata().getName().equals(pod.getMetadata().getLabels().get(FleetLabels.INSTANCE)))
                .map(pod -> pod.getSpec().getNodeName())
                .filter(Objects::nonNull)
                .map(node -> new ResourceID(node, null))
                .collect(Collectors.toSet()))
            .build(), context);
    LoadPoller poller = new LoadPoller(LOAD_TIMEOUT.compareTo(loadPollInterval) < 0 ? LOAD_TIMEOUT : loadPollInterval,
        clock, ts -> pods.list(ts.getMetadata().getNamespace(),
            pod -> ts.getMetadata().getName().equals(pod.getMetadata().getLabels().get(FleetLabels.INSTANCE))).toList());
    PerResourcePollingEventSource<LoadSample, TurnServer, String> load = new PerResourcePollingEventSource<>(
        LoadSample.class, context,
        new PerResourcePollingConfigurationBuilder<LoadSample, TurnServer, String>(poller, loadPollInterval)
            .withName(LOAD)
            .withResourceIDMapper(LoadSample::pod)
            .withExecutorService(Executors.newScheduledThreadPool(2, runnable -> {
              Thread thread = new Thread(runnable, "turnfleet-load-poller");
              thread.setDaemon(true);
              return thread;
            }))
            .build()) {
      @Override
      public void onResourceDeleted(TurnServer ts) {
        super.onResourceDeleted(ts);
        poller.forget(ts);
        histories.remove(ResourceID.fromResource(ts));
        metrics.forget(ts);
      }
    };
    allNodes = nodes;
    return List.of(pods, nodes, load);
  }

  @Override
  public UpdateControl<TurnServer> reconcile(TurnServer ts, Context<TurnServer> context) {
    // JOSDK puts resource.namespace and resource.name in the MDC around this call and
    // updateErrorStatus, so every line logged here names the TurnServer.
    Instant now = clock.instant();
    FleetEvents events = new FleetEvents(context.getClient(), clock);
    List<SpecProblem> problems = new ArrayList<>(SpecCheck.check(ts));
    if (problems.isEmpty()) {
      // before the Secret check: the Certificate is what makes cert-manager write the TLS Secret
      RelayCertificate.reconcile(context.getClient(), ts);
      problems.addAll(new ReferencedSecrets(context.getClient()).check(ts));
    }
    FleetSnapshot fleet = ts.getSpec() == null ? FleetSnapshot.empty() : observeFleet(ts, context);
    FleetLoad load = FleetLoad.of(fleet, context.getSecondaryResources(LoadSample.class), now,
        loadPollInterval.multipliedBy(LOAD_REPORT_LIFETIME_POLLS));
    Optional<Deployment> deployment = context.getSecondaryResource(Deployment.class, RELAY_DEPLOYMENT);
    int replicas = deployment.map(d -> d.getSpec().getReplicas()).orElse(ts.getSpec() == null ? 0
        : ts.getSpec().getReplicas().getMin());
    Applied applied;
    if (problems.isEmpty()) {
      Optional<Applied> done = apply(ts, context, events, fleet, load, deployment, replicas, now);
      if (done.isEmpty()) {
        return UpdateControl.<TurnServer>noUpdate().rescheduleAfter(CONFLICT_RETRY);
      }
      applied = done.get();
    } else {
      log.info("spec cannot work: {}", problems.stream().map(SpecProblem::describe).collect(Collectors.joining("; ")));
      applied = new Applied(replicas, deployment, Optional.empty(),
          Optional.ofNullable(ts.getStatus()).map(TurnServerStatus::getSharedSecret), Optional.empty(),
          Optional.empty());
    }
    TurnServerStatus status = FleetStatus.compute(ts, new StatusInputs(fleet, load, applied.deployment(), problems,
        applied.replicas(), applied.autoscaling(), applied.sharedSecret(), applied.rollout()), now);
    metrics.record(ts, status);
    UpdateControl<TurnServer> control;
    if (status.equals(ts.getStatus())) {
      control = UpdateControl.noUpdate();
    } else {
      events.statusChanged(ts, ts.getStatus(), status);
      writeStatus(ts, status, context);
      control = UpdateControl.noUpdate();
    }
    if (!problems.isEmpty()) {
      return control.rescheduleAfter(PROBLEM_RECHECK);
    }
    return applied.wakeUp().map(at -> control.rescheduleAfter(delayUntil(now, at))).orElse(control);
  }

  /**
   * What applying a workable spec produced.
   *
   * @param deployment the Deployment as it is after the workflow ran
   * @param wakeUp when the secret rotation needs the next reconcile
   * @param rollout how the Deployment replaces relays
   */
  private record Applied(int replicas, Optional<Deployment> deployment, Optional<AutoscalingStatus> autoscaling,
      Optional<SharedSecretStatus> sharedSecret, Optional<Instant> wakeUp, Optional<RolloutStrategy> rollout) {}

  /**
   * Sizes the fleet, advances the rotation, marks the drain order and applies the owned objects;
   * empty when an owned object met a conflict and nothing may be concluded from this round.
   */
  private Optional<Applied> apply(TurnServer ts, Context<TurnServer> context, FleetEvents events, FleetSnapshot fleet,
      FleetLoad load, Optional<Deployment> deployment, int replicas, Instant now) {
    ScalingTargets targets = ScalingTargets.of(ts.getSpec());
    ResourceID id = ResourceID.fromResource(ts);
    ScalingHistory history = histories.getOrDefault(id, ScalingHistory.start(targets, now, lastScaleTime(ts)));
    ScalingDecision decision = ScalingPolicy.decide(targets, LoadSummary.of(load), replicas, history, now);
    Optional<SecretRotation.Step> rotation = rotateSecret(ts, context, now);
    if (decision.replicas() < replicas) {
      // only now, not on every poll (the Kubernetes docs advise against metric-driven updates), and
      // before the Deployment shrinks: the ReplicaSet controller sees the pods' new costs through
      // its watch before the smaller Deployment has reached it through two controllers
      writeDeletionCosts(context, load);
    }
    List<Node> nodes = allNodes.list().toList();
    RolloutStrategy rollout = new RolloutStrategy(EligibleNodes.spare(ts.getSpec(), nodes,
        context.getSecondaryResources(Pod.class).stream().filter(RelayPod::isLive).toList(), decision.replicas()));
    RelayFleetModel model = RelayFleetModel.from(ts, new FleetInputs(defaultImages,
        rotation.map(SecretRotation.Step::state), fleet, load, decision.replicas(),
        EligibleNodes.families(ts.getSpec(), nodes), rollout, fleetFileDelay));
    String liveTemplate = deployment.map(RelayDeployment::templateHash).orElse(null);
    context.managedWorkflowAndDependentResourceContext().put(RelayFleetModel.class, model);
    WorkflowReconcileResult result = context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
    Optional<KubernetesClientException> conflict =
        ApiFailures.onlyConflicts(result.getErroredDependents().values());
    if (conflict.isPresent()) {
      // someone (the controller manager, most often) wrote an owned object after the informer saw
      // it: normal, so it is tried again shortly from the newer copy, and status stays as it is
      log.info("an owned object changed since it was read ({}); reconciling again in {} ms",
          ApiFailures.describe(conflict.get()), CONFLICT_RETRY.toMillis());
      return Optional.empty();
    }
    result.throwAggregateExceptionIfErrorsPresent();
    TokenReviewBinding.reconcile(context.getClient(), ts, TokenReviewCondition.reviewsTokens(ts.getSpec()));
    // only what was applied is remembered: a failed reconcile decides again from the same history
    histories.put(id, decision.history());
    if (liveTemplate != null && !liveTemplate.equals(RelayDeployment.templateHash(model.deployment()))) {
      log.info("relay pod template changed, rolling relays");
      events.rolloutStarted(ts);
    }
    if (deployment.isPresent() && decision.replicas() != replicas) {
      log.info("{}: {}", decision.reason().word(), decision.message());
      events.scaled(ts, decision);
      metrics.scaled(ts, replicas, decision.replicas());
    }
    rotation.ifPresent(step -> step.events().forEach(event -> {
      log.info("{}: {}", event.reason(), event.message());
      events.rotated(ts, event);
    }));
    AutoscalingStatus autoscaling = new AutoscalingStatus(targets.autoscaling(), decision.replicas(),
        decision.reason().word(), decision.message(), decision.history().lastScale().map(Instant::toString).orElse(null));
    RotationSchedule schedule = RotationSchedule.of(ts.getSpec().getAuth().getSharedSecret());
    return Optional.of(new Applied(decision.replicas(), context.getSecondaryResource(Deployment.class, RELAY_DEPLOYMENT),
        Optional.of(autoscaling), rotation.map(step -> sharedSecretStatus(step.state(), schedule)),
        rotation.map(SecretRotation.Step::nextWakeUp),
        Optional.of(rollout)));
  }

  /** Until a moment, plus a little so that the reconcile does not run a hair early. */
  private static Duration delayUntil(Instant now, Instant at) {
    Duration delay = Duration.between(now, at).plus(WAKE_UP_MARGIN);
    return delay.isNegative() ? WAKE_UP_MARGIN : delay;
  }

  private static Optional<Instant> lastScaleTime(TurnServer ts) {
    try {
      return Optional.ofNullable(ts.getStatus()).map(TurnServerStatus::getAutoscaling)
          .map(AutoscalingStatus::getLastScaleTime).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Advances the rotation of the generated auth Secret; empty when the operator generates none. */
  private Optional<SecretRotation.Step> rotateSecret(TurnServer ts, Context<TurnServer> context, Instant now) {
    if (!RelayFleetModel.generatesAuthSecret(ts.getSpec())) {
      return Optional.empty();
    }
    RotationSchedule schedule = RotationSchedule.of(ts.getSpec().getAuth().getSharedSecret());
    String name = TurnServerNames.authSecretName(ts);
    Optional<AuthSecretState> live = context.getSecondaryResources(Secret.class).stream()
        .filter(s -> name.equals(s.getMetadata().getName()))
        .findFirst()
        .flatMap(secret -> AuthSecretState.fromSecret(secret, schedule, now));
    Optional<String> request = Optional.ofNullable(SpecOrRotationRequestChanged.rotationRequest(ts));
    return Optional.of(SecretRotation.advance(live, schedule, request, now, keyGenerator::newKey));
  }

  private static SharedSecretStatus sharedSecretStatus(AuthSecretState state, RotationSchedule schedule) {
    return new SharedSecretStatus(state.times().currentSince().toString(), state.nextRotation(schedule).toString(),
        state.times().previousUntil().map(Instant::toString).orElse(null));
  }

  /** Marks each relay pod with its live allocations as deletion cost (a merge patch of one annotation). */
  private static void writeDeletionCosts(Context<TurnServer> context, FleetLoad load) {
    Map<String, String> changes = DrainOrder.changes(load);
    if (changes.isEmpty()) {
      return;
    }
    KubernetesClient client = context.getClient();
    for (Pod pod : context.getSecondaryResources(Pod.class)) {
      String cost = changes.get(pod.getMetadata().getName());
      if (cost == null) {
        continue;
      }
      try {
        client.pods().resource(pod).patch(PatchContext.of(PatchType.JSON_MERGE),
            "{\"metadata\":{\"annotations\":{\"" + DrainOrder.DELETION_COST + "\":\"" + cost + "\"}}}");
      } catch (KubernetesClientException e) {
        // the pod may be gone already; the next poll tries again with what is left
        log.info("could not set the deletion cost of pod {}: HTTP {}", pod.getMetadata().getName(), e.getCode());
      }
    }
  }

  private static FleetSnapshot observeFleet(TurnServer ts, Context<TurnServer> context) {
    Set<Pod> pods = context.getSecondaryResources(Pod.class);
    Set<Node> nodes = context.getSecondaryResources(Node.class);
    return FleetSnapshot.observe(pods,
        name -> nodes.stream().filter(n -> name.equals(n.getMetadata().getName())).findFirst().orElse(null),
        ts.getSpec().getAdvertisedAddress());
  }

  /**
   * Writes the whole status (PUT to the status subresource) with optimistic locking, retrying on a
   * conflict, and keeps the written version in JOSDK's cache for the next reconciliation. Not a JSON
   * Patch against the cached copy: that removes list entries by index and fails when the copy is
   * behind the server.
   */
  private static void writeStatus(TurnServer ts, TurnServerStatus status, Context<TurnServer> context) {
    PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(ts, context, current -> {
      TurnServer copy = context.getControllerConfiguration().getConfigurationService().getResourceCloner()
          .clone(current);
      copy.setStatus(status);
      return copy;
    });
  }

  /**
   * A conflict (writing status, or an owned object after the informer saw it) changes nothing: it
   * is retried. Any other failure reads as Reconciling while retries remain and as Stalled once
   * they are exhausted, when a human must look (RBAC, quota, admission).
   */
  @Override
  public ErrorStatusUpdateControl<TurnServer> updateErrorStatus(TurnServer ts, Context<TurnServer> context,
      Exception e) {
    if (ApiFailures.isConflict(e)) {
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    long generation = Objects.requireNonNullElse(ts.getMetadata().getGeneration(), 0L);
    boolean exhausted = context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(true);
    String failure = ApiFailures.describe(e);
    TurnServer copy = context.getControllerConfiguration().getConfigurationService().getResourceCloner().clone(ts);
    TurnServerStatus updated = copy.getStatus() == null ? new TurnServerStatus() : copy.getStatus();
    List<Condition> conditions = exhausted
        ? Conditions.set(Conditions.set(updated.getConditions(), Conditions.RECONCILING, false, FAILED,
                "Retries are exhausted; see condition Stalled.", generation, clock.instant()),
            Conditions.STALLED, true, FAILED, "Applying the fleet's objects failed: " + failure
                + "; the operator tries again within " + MAX_INTERVAL_MINUTES + " minutes.", generation, clock.instant())
        : Conditions.set(updated.getConditions(), Conditions.RECONCILING, true, RETRYING,
            "Applying the fleet's objects failed: " + failure + "; retrying with backoff.", generation, clock.instant());
    log.warn("reconcile failed: {}", failure);
    metrics.reconcileFailed(ts);
    if (!conditions.equals(updated.getConditions())) {
      updated.setConditions(conditions);
      try {
        writeStatus(ts, updated, context);
      } catch (RuntimeException statusWriteFailed) {
        log.warn("could not record the failed reconcile in status: {}", ApiFailures.describe(statusWriteFailed));
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
