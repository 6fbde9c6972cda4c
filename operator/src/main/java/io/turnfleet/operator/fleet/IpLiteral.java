package io.turnfleet.operator.fleet;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** An IP address written as a literal; parsing never performs a DNS lookup. */
public record IpLiteral(InetAddress address) {
  private static final Pattern IPV4 =
      Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
  private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9a-fA-F:.]+$");

  /** Parses {@code text}, or returns empty when it is not an IPv4 or IPv6 literal. */
  public static Optional<IpLiteral> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    boolean v4 = IPV4.matcher(text).matches();
    boolean v6 = text.contains(":") && IPV6_CHARS.matcher(text).matches();
    if (!v4 && !v6) {
      return Optional.empty();
    }
    try {
      // a literal (checked above) is parsed by getByName without any lookup
      return Optional.of(new IpLiteral(InetAddress.getByName(text)));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  public boolean isIpv6() {
    return address instanceof Inet6Address;
  }

  /** The canonical text form, e.g. {@code 2001:db8::7}. */
  public String text() {
    String host = address.getHostAddress();
    return isIpv6() ? compressIpv6(host) : host;
  }

  /** {@code host:port}, with brackets around IPv6 hosts (RFC 3986 section 3.2.2). */
  public String withPort(int port) {
    return isIpv6() ? "[" + text() + "]:" + port : text() + ":" + port;
  }

  private static String compressIpv6(String full) {
    String[] groups = full.split(":");
    int bestStart = -1;
    int bestLength = 0;
    for (int i = 0; i < groups.length; i++) {
      groups[i] = groups[i].replaceFirst("^0+(?=.)", "");
    }
    for (int i = 0; i < groups.length; ) {
      if (groups[i].equals("0")) {
        int j = i;
        while (j < groups.length && groups[j].equals("0")) {
          j++;
        }
        if (j - i > bestLength && j - i > 1) {
          bestStart = i;
          bestLength = j - i;
        }
        i = j;
      } else {
        i++;
      }
    }
    if (bestStart < 0) {
      return String.join(":", groups);
    }
    String head = String.join(":", java.util.Arrays.copyOfRange(groups, 0, bestStart));
    String tail = String.join(":", java.util.Arrays.copyOfRange(groups, bestStart + bestLength, groups.length));
    return head + "::" + tail;
  }
}
