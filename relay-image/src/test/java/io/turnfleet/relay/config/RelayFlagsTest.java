package io.turnfleet.relay.config;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RelayFlagsTest {

    /** The names of contract.md, which the operator, the README and outside tools use. */
    private static final List<String> CONTRACT = List.of("listen", "realm", "user", "users-file", "auth-secret-dir",
            "allow-expired-refresh", "relay-ip", "external-ip", "external-ip-file", "alternate-servers-file",
            "fleet-addresses-file",
            "relay-ports", "allow-peer", "deny-peer", "allow-loopback-peers", "max-allocations", "user-quota",
            "max-bandwidth", "max-lifetime", "nonce-lifetime", "threads", "admin-listen", "tls-cert", "tls-key",
            "max-unauthenticated-connections-per-ip", "connection-rate-per-ip", "connection-burst-per-ip",
            "max-connections-per-ip", "tcp-idle-timeout", "tls-handshake-timeout",
            "drain-timeout", "log-format", "log-level", "udp-io", "software", "config");

    @Test
    void everyContractFlagIsDefined() {
        assertThat(RelayFlags.ALL).extracting(Flag::name).containsAll(CONTRACT).contains("help", "version");
        assertThat(RelayFlags.ALL).hasSize(CONTRACT.size() + 2);
    }

    @Test
    void namesAndVariablesAreUnique() {
        assertThat(new HashSet<>(RelayFlags.ALL.stream().map(Flag::name).toList())).hasSameSizeAs(RelayFlags.ALL);
        assertThat(new HashSet<>(RelayFlags.ALL.stream().map(Flag::environmentVariable).toList())).hasSameSizeAs(RelayFlags.ALL);
    }

    @Test
    void everyDefaultParsesAndTheNamedDefaultsAreTheContracts() {
        for (Flag<?> flag : RelayFlags.ALL) {
            if (flag.defaultValue() != null) {
                assertThat(flag.parse(flag.defaultValue())).as(flag.option()).isNotNull();
            }
        }
        assertThat(RelayFlags.LISTEN.defaultValue()).isEqualTo("udp://0.0.0.0:3478");
        assertThat(RelayFlags.RELAY_PORTS.defaultValue()).isEqualTo("49152-65535");
        assertThat(RelayFlags.ADMIN_LISTEN.defaultValue()).isEqualTo("0.0.0.0:9641");
        assertThat(RelayFlags.THREADS.defaultText()).isEqualTo("number of cores");
    }

    @Test
    void environmentVariableIsPrefixedUpperCaseWithUnderscores() {
        assertThat(RelayFlags.RELAY_PORTS.environmentVariable()).isEqualTo("TURNFLEET_RELAY_PORTS");
        assertThat(RelayFlags.ALLOW_LOOPBACK_PEERS.environmentVariable()).isEqualTo("TURNFLEET_ALLOW_LOOPBACK_PEERS");
    }

    @Test
    void helpListsEveryFlagWithSyntaxDefaultAndVariable() {
        String help = RelayFlags.helpText();
        String unwrapped = help.replaceAll("\n {6}", " ");
        for (Flag<?> flag : RelayFlags.ALL) {
            assertThat(help).contains("  " + flag.option());
            assertThat(unwrapped).contains(flag.description());
        }
        assertThat(help).contains("""
                  --relay-ports MIN-MAX
                      Relay port range, at least 2 ports.
                      Default: 49152-65535. Environment: TURNFLEET_RELAY_PORTS.
                """);
        assertThat(help).contains("""
                  --allow-peer CIDR
                """).contains("      Repeatable. Default: none. Environment: TURNFLEET_ALLOW_PEER.\n");
        assertThat(help).contains("""
                  --allow-loopback-peers
                      Permit 127.0.0.0/8 and ::1 peers (tests only).
                      Default: false. Environment: TURNFLEET_ALLOW_LOOPBACK_PEERS.
                """);
        assertThat(help).contains("  --help\n      Print this help and exit.\n      Default: false. Command line only.\n");
        assertThat(help).startsWith("Usage: java -jar turnfleet-relay.jar");
    }

    @Test
    void helpFitsIntoOneHundredColumns() {
        assertThat(RelayFlags.helpText().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(100));
        assertThat(RelayFlags.helpText()).contains("""
                  --auth-secret-dir PATH
                      Directory of TURN REST shared secrets, one per regular file (hidden entries such as ..data
                      skipped, symlinks followed); re-read within 5 s of a change.
                """);
    }

    @Test
    void markdownTableHasOneRowPerFlag() {
        List<String> lines = RelayFlags.markdownTable().lines().toList();
        assertThat(lines.get(0)).isEqualTo("| Flag | Environment | Value | Default | Description |");
        assertThat(lines.get(1)).isEqualTo("|---|---|---|---|---|");
        assertThat(lines).hasSize(RelayFlags.ALL.size() + 2);
        for (int i = 0; i < RelayFlags.ALL.size(); i++) {
            assertThat(lines.get(i + 2)).startsWith("| `" + RelayFlags.ALL.get(i).option() + "` | ").endsWith(" |");
        }
    }

    @Test
    void markdownRowsShowVariableSyntaxDefaultAndDescription() {
        String table = RelayFlags.markdownTable();
        assertThat(table).contains("| `--relay-ports` | `TURNFLEET_RELAY_PORTS` | `MIN-MAX` | `49152-65535` | Relay port range, at least 2 ports. |\n");
        assertThat(table).contains("| `--listen` | `TURNFLEET_LISTEN` | `URI`, repeatable | `udp://0.0.0.0:3478` | ");
        assertThat(table).contains("| `--threads` | `TURNFLEET_THREADS` | `INT` | number of cores | ");
        assertThat(table).contains("| `--allow-loopback-peers` | `TURNFLEET_ALLOW_LOOPBACK_PEERS` | boolean | `false` | ");
        assertThat(table).contains("| `--help` | command line only | boolean | `false` | Print this help and exit. |\n");
        assertThat(table).contains("| `--user` | `TURNFLEET_USER` | `NAME:PASSWORD`, repeatable | none | ");
    }

    @Test
    void markdownEscapesPipesSoColumnsStayAligned() {
        String row = RelayFlags.markdownTable().lines().filter(l -> l.startsWith("| `--log-format`")).findFirst().orElseThrow();
        assertThat(row).contains("`text\\|json`");
        assertThat(row.replace("\\|", "").chars().filter(c -> c == '|').count()).isEqualTo(6);
    }

    @Test
    void everyFlagInHelpIsAcceptedByTheParser() {
        for (Flag<?> flag : RelayFlags.ALL) {
            if (flag.isBoolean() && flag.allowedFrom(Flag.Source.ENVIRONMENT)) {
                assertThat(RelayConfigParser.parse(new String[] {flag.option()}, Map.of()).request())
                        .isEqualTo(Invocation.Request.RUN);
            }
        }
    }
}
