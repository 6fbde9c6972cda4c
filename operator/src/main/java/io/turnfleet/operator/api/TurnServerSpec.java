package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the relays of one fleet run. Every optional field has a default, in the CRD schema (applied by
 * the API server) and here (setters map null to it), so a TurnServer with only a realm works.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = "!has(self.listeners) || !has(self.relayPorts) || !self.listeners.exists(l, l.port >= self.relayPorts.min && l.port <= self.relayPorts.max)",
    message = "listener ports must lie outside spec.relayPorts")
@ValidationRule(value = "!has(self.listeners) || !has(self.adminPort) || !self.listeners.exists(l, l.protocol != 'UDP' && l.port == self.adminPort)",
    message = "spec.adminPort must differ from every TCP and TLS listener port")
@ValidationRule(value = "!has(self.listeners) || !self.listeners.exists(l, l.protocol == 'TLS') || has(self.tls)",
    message = "spec.tls.secretName is required when a TLS listener is configured")
@ValidationRule(value = "!has(self.credentials) || !self.credentials.enabled || !has(self.auth) || !has(self.auth.mode) || self.auth.mode == 'SharedSecret'",
    message = "spec.credentials signs TURN REST credentials: it needs spec.auth.mode SharedSecret")
@ValidationRule(value = "!has(self.dns) || !has(self.dns.certificateIssuer) || (has(self.dns.hostname) && has(self.tls))",
    message = "spec.dns.certificateIssuer needs spec.dns.hostname and spec.tls.secretName (the Secret the certificate is written to)")
public class TurnServerSpec {
  public static final int DEFAULT_DRAIN_GRACE_PERIOD_SECONDS = 300;
  public static final int DEFAULT_ADMIN_PORT = 9641;

  @JsonPropertyDescription("Relay container image; defaults to the relay image the operator was installed with.")
  @Size(max = 512)
  private String image;

  @JsonPropertyDescription("Image pull policy of the relay container.")
  private ImagePullPolicy imagePullPolicy;

  @JsonPropertyDescription("Long-term credential realm announced by the relays: at most 32 bytes, so that a "
      + "401 challenge stays within 3x the size of the request it answers.")
  @Required
  @Size(min = 1, max = 32)
  @Pattern("^[^\"\\\\]+$")
  private String realm;

  @JsonPropertyDescription("Client-facing listeners. Every relay binds them on its node (host networking).")
  @Default("[{\"protocol\":\"UDP\",\"port\":3478},{\"protocol\":\"TCP\",\"port\":3478}]")
  @Size(min = 1, max = 8)
  @ValidationRule(value = "self.all(a, self.filter(b, b.port == a.port && (a.protocol == 'UDP') == (b.protocol == 'UDP')).size() == 1)",
      message = "listener ports must be unique per transport (TCP and TLS share the TCP port space)")
  private List<Listener> listeners = Listener.defaults();

  @JsonPropertyDescription("Certificate for TLS listeners.")
  private TlsSpec tls;

  @JsonPropertyDescription("UDP (and TCP) port range of relayed transport addresses.")
  @Default("{}")
  private RelayPortRange relayPorts = new RelayPortRange();

  @JsonPropertyDescription("Where each relay's advertised (XOR-RELAYED-ADDRESS) address comes from.")
  @Default("{}")
  private AdvertisedAddress advertisedAddress = new AdvertisedAddress();

  @JsonPropertyDescription("How clients authenticate.")
  @Default("{}")
  private AuthSpec auth = new AuthSpec();

  @JsonPropertyDescription("Number of relays; min == max turns autoscaling off.")
  @Default("{}")
  private ReplicasSpec replicas = new ReplicasSpec();

  @JsonPropertyDescription("Load targets the autoscaler steers each relay towards.")
  @Default("{}")
  private ScalingSpec scaling = new ScalingSpec();

  @JsonPropertyDescription("Peer address ranges clients may relay to, besides the safe defaults.")
  @Default("{}")
  private PeerSpec peers = new PeerSpec();

  @JsonPropertyDescription("Allocation and bandwidth quotas of each relay.")
  @Default("{}")
  private QuotaSpec quotas = new QuotaSpec();

  @JsonPropertyDescription("Compute resources of the relay container.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Node labels a relay's node must carry.")
  @Size(max = 32)
  private Map<String, String> nodeSelector = new LinkedHashMap<>();

  @JsonPropertyDescription("Tolerations of the relay pods.")
  @Size(max = 32)
  private List<Toleration> tolerations = new ArrayList<>();

  @JsonPropertyDescription("Affinity added to the operator's own rule that keeps one relay of a fleet per node.")
  private Affinity affinity;

  @JsonPropertyDescription("PriorityClass of the relay pods.")
  @Size(max = 253)
  private String priorityClassName;

  @JsonPropertyDescription("How long a relay keeps serving its allocations after SIGTERM (pod terminationGracePeriodSeconds).")
  @Default("300")
  @Min(10)
  @Max(86400)
  private int drainGracePeriodSeconds = DEFAULT_DRAIN_GRACE_PERIOD_SECONDS;

  @JsonPropertyDescription("Relay log level.")
  @Default("info")
  private LogLevel logLevel = LogLevel.INFO;

  @JsonPropertyDescription("Port of the relay admin HTTP endpoint (/metrics, /healthz, /readyz, /load) on the node.")
  @Default("9641")
  @Min(1)
  @Max(65535)
  private int adminPort = DEFAULT_ADMIN_PORT;

  @JsonPropertyDescription("A DNS name for the fleet (external-dns) and optionally its certificate (cert-manager).")
  @Default("{}")
  private DnsSpec dns = new DnsSpec();

  @JsonPropertyDescription("The credential service that hands apps short-lived credentials and relay URIs.")
  @Default("{}")
  private CredentialsSpec credentials = new CredentialsSpec();

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ImagePullPolicy getImagePullPolicy() {
    return imagePullPolicy;
  }

  public void setImagePullPolicy(ImagePullPolicy imagePullPolicy) {
    this.imagePullPolicy = imagePullPolicy;
  }

  public String getRealm() {
    return realm;
  }

  public void setRealm(String realm) {
    this.realm = realm;
  }

  public List<Listener> getListeners() {
    return listeners;
  }

  public void setListeners(List<Listener> listeners) {
    this.listeners = listeners == null ? Listener.defaults() : listeners;
  }

  public TlsSpec getTls() {
    return tls;
  }

  public void setTls(TlsSpec tls) {
    this.tls = tls;
  }

  public RelayPortRange getRelayPorts() {
    return relayPorts;
  }

  public void setRelayPorts(RelayPortRange relayPorts) {
    this.relayPorts = relayPorts == null ? new RelayPortRange() : relayPorts;
  }

  public AdvertisedAddress getAdvertisedAddress() {
    return advertisedAddress;
  }

  public void setAdvertisedAddress(AdvertisedAddress advertisedAddress) {
    this.advertisedAddress = advertisedAddress == null ? new AdvertisedAddress() : advertisedAddress;
  }

  public AuthSpec getAuth() {
    return auth;
  }

  public void setAuth(AuthSpec auth) {
    this.auth = auth == null ? new AuthSpec() : auth;
  }

  public ReplicasSpec getReplicas() {
    return replicas;
  }

  public void setReplicas(ReplicasSpec replicas) {
    this.replicas = replicas == null ? new ReplicasSpec() : replicas;
  }

  public ScalingSpec getScaling() {
    return scaling;
  }

  public void setScaling(ScalingSpec scaling) {
    this.scaling = scaling == null ? new ScalingSpec() : scaling;
  }

  public PeerSpec getPeers() {
    return peers;
  }

  public void setPeers(PeerSpec peers) {
    this.peers = peers == null ? new PeerSpec() : peers;
  }

  public QuotaSpec getQuotas() {
    return quotas;
  }

  public void setQuotas(QuotaSpec quotas) {
    this.quotas = quotas == null ? new QuotaSpec() : quotas;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector == null ? new LinkedHashMap<>() : nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations == null ? new ArrayList<>() : tolerations;
  }

  public Affinity getAffinity() {
    return affinity;
  }

  public void setAffinity(Affinity affinity) {
    this.affinity = affinity;
  }

  public String getPriorityClassName() {
    return priorityClassName;
  }

  public void setPriorityClassName(String priorityClassName) {
    this.priorityClassName = priorityClassName;
  }

  public int getDrainGracePeriodSeconds() {
    return drainGracePeriodSeconds;
  }

  public void setDrainGracePeriodSeconds(Integer drainGracePeriodSeconds) {
    this.drainGracePeriodSeconds =
        drainGracePeriodSeconds == null ? DEFAULT_DRAIN_GRACE_PERIOD_SECONDS : drainGracePeriodSeconds;
  }

  public LogLevel getLogLevel() {
    return logLevel;
  }

  public void setLogLevel(LogLevel logLevel) {
    this.logLevel = logLevel == null ? LogLevel.INFO : logLevel;
  }

  public int getAdminPort() {
    return adminPort;
  }

  public void setAdminPort(Integer adminPort) {
    this.adminPort = adminPort == null ? DEFAULT_ADMIN_PORT : adminPort;
  }

  public DnsSpec getDns() {
    return dns;
  }

  public void setDns(DnsSpec dns) {
    this.dns = dns == null ? new DnsSpec() : dns;
  }

  public CredentialsSpec getCredentials() {
    return credentials;
  }

  public void setCredentials(CredentialsSpec credentials) {
    this.credentials = credentials == null ? new CredentialsSpec() : credentials;
  }
}
