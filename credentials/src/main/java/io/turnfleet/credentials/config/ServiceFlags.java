package io.turnfleet.credentials.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command-line flags of the credential service ({@code --name value}, repeatable where noted). Parsing
 * is pure; a bad value throws {@link ConfigException} naming the flag.
 */
public final class ServiceFlags {
  public static final String HELP = String.join("\n",
      "turnfleet-credentials: hands out TURN REST credentials with the URIs of the least loaded relays",
      "  --listen IP:PORT          HTTP listener (default 0.0.0.0:8080)",
      "  --secret-dir DIR          mounted Secret holding the shared secret (required)",
      "  --secret-key NAME         file in --secret-dir credentials are signed with (default current)",
      "  --fleet-file FILE         fleet file the operator keeps current (required)",
      "  --api-keys-dir DIR        mounted Secret of API keys, one file per caller",
      "  --token-review            accept ServiceAccount tokens checked with TokenReview",
      "  --token-audience NAME     audience a reviewed token must carry (repeatable)",
      "  --max-ttl DURATION        longest credential lifetime, e.g. 3600s, 12h (default 12h)",
      "  --max-relays N            relays named per answer, least loaded first (default 3)",
      "  --cors-origin ORIGIN      browser origin allowed to call, or * (repeatable)",
      "  --rate PER_SECOND         requests per second per caller, on average (default 5)",
      "  --burst N                 requests a caller may make at once (default 20)",
      "  --threads N               request threads, for TokenReview calls (default 4)");
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");
  private static final List<String> SWITCHES = List.of("--token-review");
  private static final List<String> REPEATABLE = List.of("--token-audience", "--cors-origin");
  private static final List<String> VALUED = List.of("--listen", "--secret-dir", "--secret-key", "--fleet-file",
      "--api-keys-dir", "--token-audience", "--max-ttl", "--max-relays", "--cors-origin", "--rate", "--burst",
      "--threads");

  private ServiceFlags() {}

  public static ServiceConfig parse(String[] args) throws ConfigException {
    Map<String, List<String>> values = collect(args);
    Optional<Path> apiKeys = single(values, "--api-keys-dir").map(Path::of);
    boolean tokenReview = values.containsKey("--token-review");
    if (apiKeys.isEmpty() && !tokenReview) {
      throw new ConfigException("callers need a way to authenticate: give --api-keys-dir, --token-review or both");
    }
    Path secretDir = Path.of(required(values, "--secret-dir"));
    return new ServiceConfig(
        listen(single(values, "--listen").orElse("0.0.0.0:8080")),
        secretDir.resolve(name(single(values, "--secret-key").orElse("current"))),
        Path.of(required(values, "--fleet-file")),
        apiKeys,
        tokenReview,
        values.getOrDefault("--token-audience", List.of()),
        seconds("--max-ttl", single(values, "--max-ttl").orElse("12h")),
        positive("--max-relays", single(values, "--max-relays").orElse("3")),
        new LinkedHashSet<>(values.getOrDefault("--cors-origin", List.of())),
        rate(single(values, "--rate").orElse("5")),
        positive("--burst", single(values, "--burst").orElse("20")),
        positive("--threads", single(values, "--threads").orElse("4")));
  }

  private static Map<String, List<String>> collect(String[] args) throws ConfigException {
    Map<String, List<String>> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (SWITCHES.contains(flag)) {
        values.put(flag, List.of());
        continue;
      }
      if (!VALUED.contains(flag)) {
        throw new ConfigException("unknown flag " + flag + " (see --help)");
      }
      if (i + 1 >= args.length) {
        throw new ConfigException(flag + " needs a value");
      }
      List<String> list = values.computeIfAbsent(flag, f -> new ArrayList<>());
      if (!list.isEmpty() && !REPEATABLE.contains(flag)) {
        throw new ConfigException(flag + " given twice");
      }
      list.add(args[++i]);
    }
    return values;
  }

  private static Optional<String> single(Map<String, List<String>> values, String flag) {
    return Optional.ofNullable(values.get(flag)).map(list -> list.get(0));
  }

  private static String required(Map<String, List<String>> values, String flag) throws ConfigException {
    return single(values, flag).orElseThrow(() -> new ConfigException(flag + " is required"));
  }

  private static String name(String key) throws ConfigException {
    if (key.isEmpty() || key.contains("/") || key.startsWith(".")) {
      throw new ConfigException("--secret-key " + key + " is not a file name");
    }
    return key;
  }

  private static InetSocketAddress listen(String value) throws ConfigException {
    int colon = value.lastIndexOf(':');
    if (colon < 1) {
      throw new ConfigException("--listen " + value + " is not IP:PORT");
    }
    String ip = value.substring(0, colon).replace("[", "").replace("]", "");
    if (!ip.matches("[0-9a-fA-F.:]+")) {
      throw new ConfigException("--listen " + value + " needs an IP literal, not a host name");
    }
    int port = positive("--listen port", value.substring(colon + 1));
    if (port > 65535) {
      throw new ConfigException("--listen port " + port + " is above 65535");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(ip), port);
    } catch (UnknownHostException e) {
      throw new ConfigException("--listen " + value + " is not an IP address");
    }
  }

  /** {@code 3600}, {@code 3600s}, {@code 30m}, {@code 12h} or {@code 1d}, in seconds. */
  static long seconds(String flag, String value) throws ConfigException {
    Matcher m = DURATION.matcher(value.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new ConfigException(flag + " " + value + " is not a duration like 3600s, 30m or 12h");
    }
    long n = Long.parseLong(m.group(1));
    long seconds = switch (m.group(2)) {
      case "m" -> n * 60;
      case "h" -> n * 3600;
      case "d" -> n * 86400;
      default -> n;
    };
    if (seconds < 1) {
      throw new ConfigException(flag + " " + value + " must be at least 1s");
    }
    return seconds;
  }

  private static int positive(String flag, String value) throws ConfigException {
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(flag + " " + value + " is not a positive whole number");
  }

  private static double rate(String value) throws ConfigException {
    try {
      double rate = Double.parseDouble(value);
      if (rate > 0 && Double.isFinite(rate)) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("--rate " + value + " is not a positive number of requests per second");
  }
}
