package io.turnfleet.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Kind;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A fleet of TURN relays: the spec says how relays run, the status lists them and their URIs. */
@Group(TurnServer.GROUP)
@Version(TurnServer.VERSION)
@Kind("TurnServer")
@Plural("turnservers")
@Singular("turnserver")
@ShortNames("ts")
@AdditionalPrinterColumn(name = "Ready", jsonPath = ".status.conditions[?(@.type==\"Ready\")].status")
@AdditionalPrinterColumn(name = "Reconciling", priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Reconciling\")].status")
@AdditionalPrinterColumn(name = "Stalled", priority = 1,
    jsonPath = ".status.conditions[?(@.type==\"Stalled\")].status")
@AdditionalPrinterColumn(name = "Relays", jsonPath = ".status.relaysReady")
@AdditionalPrinterColumn(name = "Load", jsonPath = ".status.load")
@AdditionalPrinterColumn(name = "URIs", priority = 1, jsonPath = ".status.uriCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Scaling", priority = 1, jsonPath = ".status.autoscaling.reason")
@AdditionalPrinterColumn(name = "Last Scale", priority = 1, jsonPath = ".status.autoscaling.lastScaleTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
@ValidationRule(value = "size(self.metadata.name) <= 40",
    message = "metadata.name must be at most 40 characters: owned resource names add up to 13 characters")
public class TurnServer extends CustomResource<TurnServerSpec, TurnServerStatus> implements Namespaced {
  public static final String GROUP = "turnfleet.io";
  public static final String VERSION = "v1alpha1";
  public static final String CRD_NAME = "turnservers." + GROUP;
  public static final int MAX_NAME_LENGTH = 40;
}
