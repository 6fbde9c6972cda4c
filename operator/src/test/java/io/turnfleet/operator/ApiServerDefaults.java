package io.turnfleet.operator;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Plays the API server's defaulting, which the CRUD mock lacks: every 100 ms it fills the fields a
 * kube-apiserver 1.26 adds to the Services and Deployments of a namespace on every write
 * ({@code sessionAffinity: None}, {@code clusterIPs}, {@code ipFamilies}, {@code revisionHistoryLimit},
 * {@code progressDeadlineSeconds}, ...), so an operator that counts defaults as drift shows it here.
 * A real server defaults within the write itself; here the defaults arrive one watch event later.
 */
final class ApiServerDefaults implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "simulated-defaulting");
    t.setDaemon(true);
    return t;
  });

  ApiServerDefaults(KubernetesClient client, String namespace) {
    this.client = client;
    this.namespace = namespace;
  }

  ApiServerDefaults start() {
    loop.scheduleWithFixedDelay(this::defaultAll, 0, 100, TimeUnit.MILLISECONDS);
    return this;
  }

  private void defaultAll() {
    try {
      client.services().inNamespace(namespace).list().getItems().stream()
          .filter(s -> s.getSpec().getSessionAffinity() == null)
          .forEach(s -> client.services().resource(defaulted(s)).update());
      client.apps().deployments().inNamespace(namespace).list().getItems().stream()
          .filter(d -> d.getSpec().getRevisionHistoryLimit() == null)
          .forEach(d -> client.apps().deployments().resource(defaulted(d)).update());
    } catch (KubernetesClientException e) {
      // a concurrent write by the operator: defaulted on the next round
    }
  }

  static Service defaulted(Service service) {
    ServiceSpec spec = service.getSpec();
    spec.setSessionAffinity("None");
    spec.setType(spec.getType() == null ? "ClusterIP" : spec.getType());
    spec.setClusterIPs(spec.getClusterIP() == null ? null : List.of(spec.getClusterIP()));
    spec.setIpFamilies(List.of("IPv4"));
    spec.setIpFamilyPolicy("SingleStack");
    spec.setInternalTrafficPolicy("Cluster");
    return service;
  }

  static Deployment defaulted(Deployment deployment) {
    DeploymentSpec spec = deployment.getSpec();
    spec.setRevisionHistoryLimit(10);
    spec.setProgressDeadlineSeconds(spec.getProgressDeadlineSeconds() == null ? 600 : spec.getProgressDeadlineSeconds());
    var pod = spec.getTemplate().getSpec();
    pod.setRestartPolicy(pod.getRestartPolicy() == null ? "Always" : pod.getRestartPolicy());
    pod.setSchedulerName("default-scheduler");
    pod.setSecurityContext(pod.getSecurityContext() == null ? new io.fabric8.kubernetes.api.model.PodSecurityContext()
        : pod.getSecurityContext());
    pod.getContainers().forEach(c -> {
      c.setTerminationMessagePath("/dev/termination-log");
      c.setTerminationMessagePolicy("File");
      c.setImagePullPolicy(c.getImagePullPolicy() == null ? "IfNotPresent" : c.getImagePullPolicy());
    });
    return deployment;
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
