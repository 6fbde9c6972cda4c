package io.turnfleet.credentials.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The credential service's configuration, from {@link ServiceFlags}.
 *
 * @param secretFile the mounted shared secret credentials are signed with
 * @param fleetFile the operator's fleet file ({@link io.turnfleet.credentials.fleet.FleetDocument})
 * @param apiKeysDir mounted Secret of API keys, one per file named after its caller
 * @param tokenReview whether bearer tokens that are no API key are checked with TokenReview
 * @param ratePerSecond requests each caller may make per second, on average
 */
public record ServiceConfig(InetSocketAddress listen, Path secretFile, Path fleetFile, Optional<Path> apiKeysDir,
    boolean tokenReview, List<String> tokenAudiences, long maxTtlSeconds, int maxRelays, Set<String> corsOrigins,
    double ratePerSecond, int burst, int threads) {
}
