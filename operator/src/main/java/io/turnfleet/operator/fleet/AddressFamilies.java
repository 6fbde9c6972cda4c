package io.turnfleet.operator.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The address families a relay serves: it listens and relays on a family only when its
 * configuration has listeners of that family. Recorded on each relay pod (annotation
 * {@value #ANNOTATION}), so status and the fleet file name a relay only in families it really serves.
 */
public record AddressFamilies(boolean ipv4, boolean ipv6) {
  public static final String ANNOTATION = "turnfleet.io/address-families";
  /** What relays without the annotation serve: they listened on 0.0.0.0 only. */
  public static final AddressFamilies IPV4_ONLY = new AddressFamilies(true, false);

  public AddressFamilies {
    if (!ipv4 && !ipv6) {
      throw new IllegalArgumentException("a relay serves at least one address family");
    }
  }

  /** The families of {@code addresses}; IPv4 alone when there are none (nothing known yet). */
  public static AddressFamilies of(Collection<IpLiteral> addresses) {
    boolean v6 = addresses.stream().anyMatch(IpLiteral::isIpv6);
    boolean v4 = addresses.stream().anyMatch(a -> !a.isIpv6());
    return v4 || v6 ? new AddressFamilies(v4, v6) : IPV4_ONLY;
  }

  /** Reads the pod annotation; a missing or unreadable one means {@link #IPV4_ONLY}. */
  public static AddressFamilies parse(String annotation) {
    if (annotation == null) {
      return IPV4_ONLY;
    }
    List<String> names = List.of(annotation.split(","));
    boolean v4 = names.contains("IPv4");
    boolean v6 = names.contains("IPv6");
    return v4 || v6 ? new AddressFamilies(v4, v6) : IPV4_ONLY;
  }

  /** The annotation value, e.g. {@code IPv4,IPv6}. */
  public String annotation() {
    List<String> names = new ArrayList<>(2);
    if (ipv4) {
      names.add("IPv4");
    }
    if (ipv6) {
      names.add("IPv6");
    }
    return String.join(",", names);
  }

  public boolean includes(IpLiteral address) {
    return address.isIpv6() ? ipv6 : ipv4;
  }
}
