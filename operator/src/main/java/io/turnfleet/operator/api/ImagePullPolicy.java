package io.turnfleet.operator.api;

/** Kubernetes image pull policy of the relay container. */
public enum ImagePullPolicy {
  Always,
  IfNotPresent,
  Never
}
