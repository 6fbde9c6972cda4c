package io.turnfleet.credentials.caller;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. Callers
 * are authenticated before they reach it, so the map holds one bucket per API key or ServiceAccount.
 * Pure apart from the map: time comes in as {@code nowNanos}.
 */
public final class RateLimit {
  private final double perSecond;
  private final double burst;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    private double tokens;
    private long lastNanos;

    Bucket(double tokens, long nowNanos) {
      this.tokens = tokens;
      this.lastNanos = nowNanos;
    }

    synchronized boolean take(double perSecond, double burst, long nowNanos) {
      tokens = Math.min(burst, tokens + (nowNanos - lastNanos) * perSecond / 1e9);
      lastNanos = nowNanos;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }

  public RateLimit(double perSecond, int burst) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("rate limit needs a positive rate and a burst of at least 1, not "
          + perSecond + "/s burst " + burst);
    }
    this.perSecond = perSecond;
    this.burst = burst;
  }

  /** Takes one request from the caller's bucket; false when it is empty. */
  public boolean allow(Caller caller, long nowNanos) {
    return buckets.computeIfAbsent(caller.id(), id -> new Bucket(burst, nowNanos)).take(perSecond, burst, nowNanos);
  }
}
