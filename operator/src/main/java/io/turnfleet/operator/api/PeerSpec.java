package io.turnfleet.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/**
 * Peer ranges in addition to the relay's safe defaults (loopback, link-local, multicast and private
 * ranges are refused). Deny wins over allow.
 */
public class PeerSpec {
  static final String CIDR_PATTERN = "^[0-9a-fA-F:.]+/[0-9]{1,3}$";

  @JsonPropertyDescription("CIDRs clients may relay to, e.g. 10.20.0.0/16 for a media server network.")
  @Size(max = 64)
  private List<@Pattern(CIDR_PATTERN) @Size(max = 49) String> allow = new ArrayList<>();

  @JsonPropertyDescription("CIDRs clients may never relay to.")
  @Size(max = 64)
  private List<@Pattern(CIDR_PATTERN) @Size(max = 49) String> deny = new ArrayList<>();

  public List<String> getAllow() {
    return allow;
  }

  public void setAllow(List<String> allow) {
    this.allow = allow == null ? new ArrayList<>() : allow;
  }

  public List<String> getDeny() {
    return deny;
  }

  public void setDeny(List<String> deny) {
    this.deny = deny == null ? new ArrayList<>() : deny;
  }
}
