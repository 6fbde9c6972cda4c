package io.turnfleet.relay.config;

import io.turnfleet.relay.log.LogFormat;
import io.turnfleet.relay.log.LogLevel;
import io.turnfleet.relay.auth.StaticUser;
import io.turnfleet.relay.turn.Cidr;
import io.turnfleet.relay.turn.IpLiteral;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RelayConfigParserTest {

    @TempDir
    Path dir;

    private static RelayConfig parse(String... args) {
        return parse(Map.of(), args);
    }

    private static RelayConfig parse(Map<String, String> environment, String... args) {
        Invocation invocation = RelayConfigParser.parse(args, environment);
        assertThat(invocation.request()).isEqualTo(Invocation.Request.RUN);
        return invocation.config();
    }

    private static String error(String... args) {
        return error(Map.of(), args);
    }

    private static String error(Map<String, String> environment, String... args) {
        try {
            RelayConfigParser.parse(args, environment);
        } catch (ConfigException e) {
            assertThat(e.getMessage()).doesNotContain("\n");
            return e.getMessage();
        }
        throw new AssertionError("expected a ConfigException");
    }

    private Path file(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static ListenAddress listen(String uri) {
        return ListenAddress.parse(uri);
    }

    @Nested
    class Defaults {

        @Test
        void noFlagsGiveTheDefaultsOfTheContract() {
            RelayConfig config = parse();
            assertThat(config.listen()).containsExactly(listen("udp://0.0.0.0:3478"));
            assertThat(config.realm()).isEqualTo("turnfleet");
            assertThat(config.users()).isEmpty();
            assertThat(config.usersFile()).isEmpty();
            assertThat(config.authSecretDir()).isEmpty();
            assertThat(config.allowExpiredRefresh()).isTrue();
            assertThat(config.relayIps()).isEmpty();
            assertThat(config.externalIps()).isEmpty();
            assertThat(config.externalIpFile()).isEmpty();
            assertThat(config.alternateServersFile()).isEmpty();
            assertThat(config.relayPorts()).isEqualTo(new PortRange(49152, 65535));
            assertThat(config.allowPeers()).isEmpty();
            assertThat(config.denyPeers()).isEmpty();
            assertThat(config.allowLoopbackPeers()).isFalse();
            assertThat(config.maxAllocations()).isZero();
            assertThat(config.userQuota()).as("one leaked credential cannot empty the port range").isEqualTo(64);
            assertThat(config.maxBandwidth()).isZero();
            assertThat(config.maxLifetime()).isEqualTo(Duration.ofSeconds(3600));
            assertThat(config.nonceLifetime()).isEqualTo(Duration.ofSeconds(600));
            assertThat(config.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(config.adminListen()).isEqualTo(new InetSocketAddress(IpLiteral.toInetAddress("0.0.0.0"), 9641));
            assertThat(config.tlsCert()).isEmpty();
            assertThat(config.tlsKey()).isEmpty();
            assertThat(config.maxUnauthenticatedConnectionsPerIp()).isEqualTo(256);
            assertThat(config.connectionRatePerIp()).isEqualTo(100);
            assertThat(config.connectionBurstPerIp()).isEqualTo(1000);
            assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(300));
            assertThat(config.logFormat()).isEqualTo(LogFormat.TEXT);
            assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
            assertThat(config.software()).isEqualTo("TurnFleet");
            assertThat(config.configFile()).isEmpty();
            assertThat(RelayConfig.defaults()).isEqualTo(config);
        }
    }

    @Nested
    class CommandLine {

        @Test
        void everyFlagIsReadFromTheCommandLine() throws IOException {
            Path users = file("users", "bob:builder\n");
            Path secrets = Files.createDirectory(dir.resolve("auth"));
            Path cert = file("tls.crt", "cert");
            Path key = file("tls.key", "key");
            RelayConfig config = parse(
                    "--listen", "udp://[::]:3478", "--listen=tls://0.0.0.0:5349",
                    "--realm", "example.org",
                    "--user", "alice:won:der", "--user=carol:x",
                    "--users-file", users.toString(),
                    "--auth-secret-dir", secrets.toString(),
                    "--allow-expired-refresh=false",
                    "--relay-ip", "10.0.0.5", "--relay-ip", "fd00::5",
                    "--external-ip", "203.0.113.5", "--external-ip", "2001:db8::5",
                    "--alternate-servers-file", "/etc/turnfleet/fleet/alternates",
                    "--relay-ports", "40000-40100",
                    "--allow-peer", "10.0.0.0/8", "--deny-peer", "10.9.0.0/16", "--deny-peer", "2001:db8::/32",
                    "--allow-loopback-peers",
                    "--max-allocations", "1000", "--user-quota", "10", "--max-bandwidth", "125000",
                    "--max-lifetime", "1h", "--nonce-lifetime", "5m",
                    "--threads", "3",
                    "--admin-listen", "[::1]:9000",
                    "--tls-cert", cert.toString(), "--tls-key", key.toString(),
                    "--drain-timeout", "90",
                    "--log-format", "json", "--log-level", "DEBUG",
                    "--software", "");
            assertThat(config.listen()).containsExactly(listen("udp://[::]:3478"), listen("tls://0.0.0.0:5349"));
            assertThat(config.realm()).isEqualTo("example.org");
            assertThat(config.users()).containsExactly(new StaticUser("alice", "won:der"), new StaticUser("carol", "x"));
            assertThat(config.usersFile()).contains(users);
            assertThat(config.authSecretDir()).contains(secrets);
            assertThat(config.allowExpiredRefresh()).isFalse();
            assertThat(config.relayIps()).containsExactly(IpLiteral.toInetAddress("10.0.0.5"), IpLiteral.toInetAddress("fd00::5"));
            assertThat(config.externalIps()).containsExactly(IpLiteral.toInetAddress("203.0.113.5"), IpLiteral.toInetAddress("2001:db8::5"));
            assertThat(config.alternateServersFile()).contains(Path.of("/etc/turnfleet/fleet/alternates"));
            assertThat(config.relayPorts()).isEqualTo(new PortRange(40000, 40100));
            assertThat(config.allowPeers()).containsExactly(Cidr.parse("10.0.0.0/8"));
            assertThat(config.denyPeers()).containsExactly(Cidr.parse("10.9.0.0/16"), Cidr.parse("2001:db8::/32"));
            assertThat(config.allowLoopbackPeers()).isTrue();
            assertThat(config.maxAllocations()).isEqualTo(1000);
            assertThat(config.userQuota()).isEqualTo(10);
            assertThat(config.maxBandwidth()).isEqualTo(125_000L);
            assertThat(config.maxLifetime()).isEqualTo(Duration.ofHours(1));
            assertThat(config.nonceLifetime()).isEqualTo(Duration.ofMinutes(5));
            assertThat(config.threads()).isEqualTo(3);
            assertThat(config.adminListen()).isEqualTo(new InetSocketAddress(IpLiteral.toInetAddress("::1"), 9000));
            assertThat(config.tlsCert()).contains(cert);
            assertThat(config.tlsKey()).contains(key);
            assertThat(config.hasTlsListener()).isTrue();
            assertThat(config.drainTimeout()).isEqualTo(Duration.ofSeconds(90));
            assertThat(config.logFormat()).isEqualTo(LogFormat.JSON);
            assertThat(config.logLevel()).isEqualTo(LogLevel.DEBUG);
            assertThat(config.software()).isEmpty();
        }

        @Test
        void externalIpFileNeedNotExistYet() {
            assertThat(parse("--external-ip-file", "/etc/turnfleet/fleet/node-1").externalIpFile())
                    .contains(Path.of("/etc/turnfleet/fleet/node-1"));
        }

        @Test
        void booleanFlagAloneIsTrueAndAcceptsAnExplicitValue() {
            assertThat(parse("--allow-loopback-peers").allowLoopbackPeers()).isTrue();
            assertThat(parse("--allow-loopback-peers=true").allowLoopbackPeers()).isTrue();
            assertThat(parse("--allow-loopback-peers=FALSE").allowLoopbackPeers()).isFalse();
            assertThat(error("--allow-loopback-peers=yes"))
                    .isEqualTo("--allow-loopback-peers 'yes': not a boolean (expected true or false)");
        }

        @Test
        void booleanFlagDoesNotSwallowTheNextArgument() {
            assertThat(error("--allow-loopback-peers", "false"))
                    .isEqualTo("unexpected argument 'false' (expected --name VALUE or --name=VALUE; see --help)");
        }

        @Test
        void singleValueFlagGivenTwiceIsAnError() {
            assertThat(error("--realm", "a", "--realm=b")).isEqualTo("--realm given more than once (expected one value)");
        }

        @Test
        void missingValueIsAnError() {
            assertThat(error("--realm")).isEqualTo("--realm: missing value (expected --realm STRING or --realm=STRING)");
            assertThat(error("--realm", "--threads", "2")).startsWith("--realm: missing value");
        }

        @Test
        void valueStartingWithDashesIsGivenWithEquals() {
            assertThat(parse("--user=alice:--secret").users()).containsExactly(new StaticUser("alice", "--secret"));
        }

        @Test
        void unknownFlagIsAnErrorWithASuggestionWhenClose() {
            assertThat(error("--relay-port", "5000-6000"))
                    .isEqualTo("unknown flag --relay-port (did you mean --relay-ports?); see --help");
            assertThat(error("--alow-peer=10.0.0.0/8"))
                    .isEqualTo("unknown flag --alow-peer (did you mean --allow-peer?); see --help");
            assertThat(error("--colour")).isEqualTo("unknown flag --colour; see --help");
        }

        @Test
        void positionalArgumentsAndSingleDashFlagsAreErrors() {
            assertThat(error("serve")).isEqualTo("unexpected argument 'serve' (expected --name VALUE or --name=VALUE; see --help)");
            assertThat(error("-h")).startsWith("unexpected argument '-h'");
            assertThat(error("--")).startsWith("unexpected argument '--'");
        }

        @Test
        void helpAndVersionWinOverEverythingElse() {
            assertThat(RelayConfigParser.parse(new String[] {"--bogus", "--help"}, Map.of()).request())
                    .isEqualTo(Invocation.Request.PRINT_HELP);
            assertThat(RelayConfigParser.parse(new String[] {"--version"}, Map.of("TURNFLEET_THREADS", "x")).request())
                    .isEqualTo(Invocation.Request.PRINT_VERSION);
            assertThat(RelayConfigParser.parse(new String[] {"--help"}, Map.of()).config()).isNull();
        }
    }

    @Nested
    class Environment {

        @Test
        void settingsComeFromTurnfleetVariables() {
            RelayConfig config = parse(Map.of(
                    "TURNFLEET_RELAY_PORTS", "49152-50000",
                    "TURNFLEET_ALLOW_LOOPBACK_PEERS", "true",
                    "TURNFLEET_LISTEN", "udp://0.0.0.0:3478, tcp://0.0.0.0:3478",
                    "TURNFLEET_USER", "alice:one,bob:two",
                    "PATH", "/usr/bin"));
            assertThat(config.relayPorts()).isEqualTo(new PortRange(49152, 50000));
            assertThat(config.allowLoopbackPeers()).isTrue();
            assertThat(config.listen()).containsExactly(listen("udp://0.0.0.0:3478"), listen("tcp://0.0.0.0:3478"));
            assertThat(config.users()).extracting(StaticUser::name).containsExactly("alice", "bob");
        }

        @Test
        void badValueNamesTheVariable() {
            assertThat(error(Map.of("TURNFLEET_RELAY_PORTS", "5000-4000")))
                    .isEqualTo("TURNFLEET_RELAY_PORTS '5000-4000': MIN must not exceed MAX (expected MIN-MAX within 1-65535)");
        }

        @Test
        void unknownVariableIsAnErrorWithASuggestion() {
            assertThat(error(Map.of("TURNFLEET_RELAYPORTS", "1-2")))
                    .isEqualTo("unknown environment variable TURNFLEET_RELAYPORTS (did you mean TURNFLEET_RELAY_PORTS?); see --help");
        }

        @Test
        void variablesKubernetesInjectsForATurnfleetServiceAreIgnored() {
            RelayConfig config = parse(Map.of(
                    "TURNFLEET_SERVICE_HOST", "10.96.0.10",
                    "TURNFLEET_SERVICE_PORT", "3478",
                    "TURNFLEET_SERVICE_PORT_TURN_UDP", "3478",
                    "TURNFLEET_PORT", "udp://10.96.0.10:3478",
                    "TURNFLEET_PORT_3478_UDP", "udp://10.96.0.10:3478",
                    "TURNFLEET_PORT_3478_UDP_PROTO", "udp",
                    "TURNFLEET_PORT_3478_UDP_PORT", "3478",
                    "TURNFLEET_PORT_3478_UDP_ADDR", "10.96.0.10",
                    "TURNFLEET_OPERATOR_SERVICE_HOST", "10.96.0.11"));
            assertThat(config).isEqualTo(RelayConfig.defaults());
        }

        @Test
        void commandLineOnlyFlagsCannotComeFromTheEnvironment() {
            assertThat(error(Map.of("TURNFLEET_HELP", "true")))
                    .isEqualTo("TURNFLEET_HELP: --help can only be given on the command line");
        }

        @Test
        void emptyListVariableClearsTheListAndIsCheckedLikeAnyOther() {
            assertThat(error(Map.of("TURNFLEET_LISTEN", "")))
                    .isEqualTo("TURNFLEET_LISTEN: no listener (expected at least one of udp://IP:PORT, tcp://IP:PORT or"
                            + " tls://IP:PORT; IPv6 as udp://[::]:3478)");
        }
    }

    @Nested
    class ConfigFile {

        @Test
        void yamlKeysAreFlagNamesWithListsForRepeatables() throws IOException {
            Path yaml = file("relay.yaml", """
                    realm: example.org
                    relay-ports: 50000-50010
                    threads: 2
                    allow-loopback-peers: true
                    allow-expired-refresh: false
                    listen:
                      - udp://0.0.0.0:3478
                      - tcp://0.0.0.0:3478
                    deny-peer: 10.0.0.0/8
                    max-lifetime: 600
                    user:
                      - alice:wonder:land
                    """);
            RelayConfig config = parse("--config", yaml.toString());
            assertThat(config.realm()).isEqualTo("example.org");
            assertThat(config.relayPorts()).isEqualTo(new PortRange(50000, 50010));
            assertThat(config.threads()).isEqualTo(2);
            assertThat(config.allowLoopbackPeers()).isTrue();
            assertThat(config.allowExpiredRefresh()).isFalse();
            assertThat(config.listen()).hasSize(2);
            assertThat(config.denyPeers()).containsExactly(Cidr.parse("10.0.0.0/8"));
            assertThat(config.maxLifetime()).isEqualTo(Duration.ofMinutes(10));
            assertThat(config.users()).containsExactly(new StaticUser("alice", "wonder:land"));
            assertThat(config.configFile()).contains(yaml);
        }

        @Test
        void configFileMayComeFromTheEnvironment() throws IOException {
            Path yaml = file("relay.yaml", "realm: from-file\n");
            assertThat(parse(Map.of("TURNFLEET_CONFIG", yaml.toString())).realm()).isEqualTo("from-file");
        }

        @Test
        void emptyFileSetsNothing() throws IOException {
            Path yaml = file("relay.yaml", "# nothing yet\n");
            assertThat(parse("--config", yaml.toString()).realm()).isEqualTo("turnfleet");
        }

        @Test
        void badValueNamesFileAndKey() throws IOException {
            Path yaml = file("relay.yaml", "relay-ports: 5000-4000\n");
            assertThat(error("--config", yaml.toString()))
                    .isEqualTo(yaml + ": relay-ports '5000-4000': MIN must not exceed MAX (expected MIN-MAX within 1-65535)");
        }

        @Test
        void unknownKeyIsAnErrorWithASuggestion() throws IOException {
            Path yaml = file("relay.yaml", "relay-port: 5000-6000\n");
            assertThat(error("--config", yaml.toString()))
                    .isEqualTo(yaml + ": unknown key 'relay-port' (did you mean 'relay-ports'?); see --help");
        }

        @Test
        void keyWrittenWithDashesIsSuggestedWithout() throws IOException {
            Path yaml = file("relay.yaml", "--realm: x\n");
            assertThat(error("--config", yaml.toString())).contains("(did you mean 'realm'?)");
        }

        @Test
        void configAndActionFlagsCannotBeSetInTheFile() throws IOException {
            Path yaml = file("relay.yaml", "config: other.yaml\n");
            assertThat(error("--config", yaml.toString()))
                    .isEqualTo(yaml + ": key 'config' cannot be set in the config file (use --config)");
        }

        @Test
        void listForASingleValueFlagIsAnError() throws IOException {
            Path yaml = file("relay.yaml", "realm: [a, b]\n");
            assertThat(error("--config", yaml.toString())).isEqualTo(yaml + ": realm: expected one value, not a list");
        }

        @Test
        void nestedMappingAndNullAreErrors() throws IOException {
            Path nested = file("nested.yaml", "realm:\n  name: x\n");
            assertThat(error("--config", nested.toString())).isEqualTo(nested + ": realm: expected a plain value, not a nested mapping");
            Path empty = file("null.yaml", "realm:\n");
            assertThat(error("--config", empty.toString())).isEqualTo(empty + ": realm: missing value (expected a value after the key)");
        }

        @Test
        void topLevelMustBeAMapping() throws IOException {
            Path yaml = file("relay.yaml", "- realm\n");
            assertThat(error("--config", yaml.toString())).startsWith(yaml + ": expected a mapping of flag names to values");
        }

        @Test
        void syntaxErrorGivesThePositionButNeverTheLineContent() throws IOException {
            Path yaml = file("relay.yaml", "realm: x\nuser: [alice:s3cr3t\n");
            String message = error("--config", yaml.toString());
            assertThat(message).startsWith("--config '" + yaml + "': not valid YAML at line ").doesNotContain("s3cr3t");
        }

        @Test
        void duplicateKeyIsAnError() throws IOException {
            Path yaml = file("relay.yaml", "realm: a\nrealm: b\n");
            assertThat(error("--config", yaml.toString())).startsWith("--config '" + yaml + "': not valid YAML at line 2");
        }

        @Test
        void missingFileIsAnErrorNamingTheSource() {
            assertThat(error("--config", dir.resolve("absent.yaml").toString()))
                    .isEqualTo("--config '" + dir.resolve("absent.yaml") + "': no such file (expected a readable YAML file)");
            assertThat(error(Map.of("TURNFLEET_CONFIG", dir.toString())))
                    .isEqualTo("TURNFLEET_CONFIG '" + dir + "': not a regular file (expected a readable YAML file)");
        }
    }

    @Nested
    class Precedence {

        @Test
        void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
            Path yaml = file("relay.yaml", "realm: file\nsoftware: file\nthreads: 7\n");
            Map<String, String> environment = Map.of("TURNFLEET_REALM", "env", "TURNFLEET_SOFTWARE", "env");
            RelayConfig config = parse(environment, "--config", yaml.toString(), "--realm", "cli");
            assertThat(config.realm()).isEqualTo("cli");
            assertThat(config.software()).isEqualTo("env");
            assertThat(config.threads()).isEqualTo(7);
            assertThat(config.logLevel()).isEqualTo(LogLevel.INFO);
        }

        @Test
        void highestSourceOfARepeatableFlagReplacesTheLowerOnesEntirely() throws IOException {
            Path yaml = file("relay.yaml", "allow-peer: [10.0.0.0/8, 192.168.0.0/16]\n");
            assertThat(parse(Map.of("TURNFLEET_ALLOW_PEER", "172.16.0.0/12"), "--config", yaml.toString()).allowPeers())
                    .containsExactly(Cidr.parse("172.16.0.0/12"));
            assertThat(parse(Map.of("TURNFLEET_ALLOW_PEER", ""), "--config", yaml.toString()).allowPeers()).isEmpty();
            assertThat(parse(Map.of("TURNFLEET_ALLOW_PEER", "172.16.0.0/12"), "--config", yaml.toString(),
                    "--allow-peer", "100.64.0.0/10").allowPeers()).containsExactly(Cidr.parse("100.64.0.0/10"));
        }

        @Test
        void commandLineConfigFileBeatsTheEnvironmentOne() throws IOException {
            Path fromEnv = file("env.yaml", "realm: env-file\n");
            Path fromCli = file("cli.yaml", "realm: cli-file\n");
            assertThat(parse(Map.of("TURNFLEET_CONFIG", fromEnv.toString()), "--config", fromCli.toString()).realm())
                    .isEqualTo("cli-file");
        }

        @Test
        void invalidValueInALowerSourceIsIgnoredWhenAHigherSourceSetsTheFlag() throws IOException {
            Path yaml = file("relay.yaml", "threads: many\n");
            assertThat(parse("--config", yaml.toString(), "--threads", "2").threads()).isEqualTo(2);
        }
    }

    @Nested
    class Values {

        @Test
        void relayPortsErrorIsTheContractExample() {
            assertThat(error("--relay-ports", "5000-4000"))
                    .isEqualTo("--relay-ports '5000-4000': MIN must not exceed MAX (expected MIN-MAX within 1-65535)");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "--relay-ports|0-100|--relay-ports '0-100': ports must be within 1-65535 (expected MIN-MAX within 1-65535)",
                "--relay-ports|5000|--relay-ports '5000': not two port numbers joined by '-' (expected MIN-MAX within 1-65535)",
                "--relay-ports|5000-5000|--relay-ports '5000-5000': the range must hold at least 2 ports (expected MIN-MAX within 1-65535 with MIN < MAX)",
                "--listen|udp://0.0.0.0|--listen 'udp://0.0.0.0': missing :PORT (expected udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478)",
                "--listen|sctp://0.0.0.0:3478|--listen 'sctp://0.0.0.0:3478': unknown or missing scheme (expected udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478)",
                "--listen|udp://:::3478|--listen 'udp://:::3478': an IPv6 address needs brackets (expected udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478)",
                "--listen|udp://relay.local:3478|--listen 'udp://relay.local:3478': 'relay.local' is not an IP address (expected udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478)",
                "--listen|udp://0.0.0.0:70000|--listen 'udp://0.0.0.0:70000': port '70000' is not within 1-65535 (expected udp://IP:PORT, tcp://IP:PORT or tls://IP:PORT; IPv6 as udp://[::]:3478)",
                "--admin-listen|::1:9641|--admin-listen '::1:9641': an IPv6 address needs brackets (expected IP:PORT, IPv6 as [::]:9641)",
                "--admin-listen|[10.0.0.1]9641|--admin-listen '[10.0.0.1]9641': expected [IP]:PORT (expected IP:PORT, IPv6 as [::]:9641)",
                "--allow-peer|10.0.0.1/8|--allow-peer '10.0.0.1/8': host bits must be zero (expected the network address 10.0.0.0/8)",
                "--threads|0|--threads '0': out of range (expected an integer within 1-1024)",
                "--threads|two|--threads 'two': not an integer (expected an integer within 1-1024)",
                "--max-allocations|-1|--max-allocations '-1': out of range (expected an integer >= 0, 0 = unlimited)",
                "--user-quota|99999999999|--user-quota '99999999999': out of range (expected an integer >= 0, 0 = unlimited)",
                "--max-bandwidth|1e6|--max-bandwidth '1e6': not an integer (expected bytes per second >= 0, 0 = unlimited)",
                "--log-format|xml|--log-format 'xml': not a valid choice (expected text or json)",
                "--log-level|trace|--log-level 'trace': not a valid choice (expected error, warn, info or debug)",
                "--external-ip|0.0.0.0|--external-ip '0.0.0.0': cannot be advertised to clients (expected the unicast address clients reach this relay at)",
                "--relay-ip|224.0.0.1|--relay-ip '224.0.0.1': a multicast address cannot be bound (expected a unicast address of this host)",
                "--relay-ip|node-1|--relay-ip 'node-1': not an IP address (expected an IPv4 address such as 192.0.2.10 or an IPv6 address such as 2001:db8::10)",
                "--realm|a\"b|--realm 'a\"b': not a realm (expected 1-127 printable characters without '\"' or '\\')",
                "--realm|relay.eu-central-1.example.org.xy|--realm 'relay.eu-central-1.example.org.xy': a realm longer than 32 bytes (expected at most 32, so the 401 challenge to a 28-byte Allocate stays within 3x its size)",
        })
        void badValueIsOneLineNamingFlagValueAndExpectation(String flag, String value, String message) {
            assertThat(error(flag, value)).isEqualTo(message);
        }

        @Test
        void emptyRealmAndOverlongSoftwareAreErrors() {
            assertThat(error("--realm=")).startsWith("--realm '': not a realm");
            assertThat(error("--software", "x".repeat(128))).startsWith("--software 'xxx").contains("at most 127");
            assertThat(parse("--software", "x".repeat(127)).software()).hasSize(127);
        }

        @ParameterizedTest
        @CsvSource({"250ms,PT0.25S", "90s,PT1M30S", "5m,PT5M", "1h,PT1H", "30,PT30S", "0,PT0S"})
        void durationsTakeAUnitOrBareSeconds(String text, Duration expected) {
            assertThat(parse("--drain-timeout", text).drainTimeout()).isEqualTo(expected);
        }

        @ParameterizedTest
        @CsvSource({"1.5s", "-1s", "10d", "s", "5 m", "999999999999999999h"})
        void malformedDurationsAreErrors(String text) {
            assertThat(error("--drain-timeout", text)).isEqualTo("--drain-timeout '" + text + "': not a duration"
                    + " (expected a whole number with unit ms, s, m or h, such as 250ms, 90s, 5m, 1h; bare numbers are seconds)");
        }

        @Test
        void lifetimesMustBeAtLeastOneSecond() {
            assertThat(error("--max-lifetime", "500ms"))
                    .isEqualTo("--max-lifetime '500ms': must be at least 1s (expected a duration such as 90s, 5m, 1h)");
            assertThat(error("--nonce-lifetime", "0")).startsWith("--nonce-lifetime '0': must be at least 1s");
        }

        @Test
        void firstInvalidFlagInTableOrderIsReported() {
            assertThat(error("--threads", "0", "--relay-ports", "9-1")).startsWith("--relay-ports");
        }
    }

    @Nested
    class Passwords {

        @Test
        void userWithoutColonIsNotEchoed() {
            assertThat(error("--user", "s3cr3t")).isEqualTo("--user '***': no ':' between name and password (expected NAME:PASSWORD)");
        }

        @Test
        void userWithEmptyPasswordShowsOnlyTheName() {
            assertThat(error("--user", "alice:")).isEqualTo("--user 'alice:***': name and password must not be empty (expected NAME:PASSWORD)");
        }

        @Test
        void duplicateUserShowsOnlyTheName() {
            assertThat(error("--user", "alice:pw-first", "--user", "alice:pw-second"))
                    .isEqualTo("--user 'alice:***': user 'alice' is given more than once (expected one entry per name)")
                    .doesNotContain("pw-");
        }

        @Test
        void badUserInTheEnvironmentOrFileIsNotEchoed() throws IOException {
            assertThat(error(Map.of("TURNFLEET_USER", "alice:ok,s3cr3t"))).doesNotContain("s3cr3t").startsWith("TURNFLEET_USER '***'");
            Path yaml = file("relay.yaml", "user: [s3cr3t]\n");
            assertThat(error("--config", yaml.toString())).doesNotContain("s3cr3t");
        }

        @Test
        void configToStringHidesPasswords() {
            assertThat(parse("--user", "alice:s3cr3t").toString()).contains("alice").doesNotContain("s3cr3t");
        }
    }

    @Nested
    class CrossChecks {

        @Test
        void theRemovedConnectionCapIsAnErrorNamingItsReplacementsFromEverySource() throws IOException {
            String replacement = " was removed: it capped authenticated connections too (use"
                    + " --max-unauthenticated-connections-per-ip and --connection-rate-per-ip)";
            assertThat(error("--max-connections-per-ip", "64")).isEqualTo("--max-connections-per-ip" + replacement);
            assertThat(error(Map.of("TURNFLEET_MAX_CONNECTIONS_PER_IP", "0")))
                    .isEqualTo("TURNFLEET_MAX_CONNECTIONS_PER_IP" + replacement);
            Path yaml = file("relay.yaml", "max-connections-per-ip: 64\n");
            assertThat(error("--config", yaml.toString())).endsWith(replacement);
        }

        @Test
        void tlsListenerNeedsCertificateAndKey() {
            assertThat(error("--listen", "tls://0.0.0.0:5349"))
                    .isEqualTo("--listen 'tls://0.0.0.0:5349': a tls:// listener needs --tls-cert and --tls-key");
        }

        @Test
        void certificateAndKeyComeTogether() throws IOException {
            Path cert = file("tls.crt", "cert");
            assertThat(error("--tls-cert", cert.toString())).isEqualTo("--tls-cert is given without --tls-key (expected both or neither)");
            assertThat(error(Map.of("TURNFLEET_TLS_KEY", cert.toString())))
                    .isEqualTo("TURNFLEET_TLS_KEY is given without --tls-cert (expected both or neither)");
        }

        @Test
        void filesReadAtStartMustExist() throws IOException {
            Path missing = dir.resolve("missing");
            Path regular = file("regular", "x");
            assertThat(error("--users-file", missing.toString()))
                    .isEqualTo("--users-file '" + missing + "': no such file (expected a readable file)");
            assertThat(error("--users-file", dir.toString()))
                    .isEqualTo("--users-file '" + dir + "': not a readable regular file (expected a readable file)");
            assertThat(error("--auth-secret-dir", missing.toString()))
                    .isEqualTo("--auth-secret-dir '" + missing + "': no such directory (expected the directory of mounted secret files)");
            assertThat(error("--auth-secret-dir", regular.toString()))
                    .isEqualTo("--auth-secret-dir '" + regular + "': not a directory (expected the directory of mounted secret files)");
            assertThat(error("--tls-cert", missing.toString(), "--tls-key", regular.toString()))
                    .startsWith("--tls-cert '" + missing + "': no such file");
        }

        @Test
        void atMostOneRelayIpAndOneExternalIpPerFamily() {
            assertThat(error("--relay-ip", "10.0.0.1", "--relay-ip", "10.0.0.2"))
                    .isEqualTo("--relay-ip '10.0.0.2': a second IPv4 address after '10.0.0.1' (expected at most one IPv4 and one IPv6 address)");
            assertThat(error("--external-ip", "2001:db8::1", "--external-ip", "2001:db8::2"))
                    .isEqualTo("--external-ip '2001:db8::2': a second IPv6 address after '2001:db8::1' (expected at most one IPv4 and one IPv6 address)");
            assertThat(parse("--external-ip", "203.0.113.1", "--external-ip", "2001:db8::1").externalIps()).hasSize(2);
        }

        @Test
        void externalIpAndExternalIpFileExcludeEachOther() {
            assertThat(error(Map.of("TURNFLEET_EXTERNAL_IP_FILE", "/etc/turnfleet/fleet/n1"), "--external-ip", "203.0.113.1"))
                    .isEqualTo("--external-ip and TURNFLEET_EXTERNAL_IP_FILE exclude each other (expected one of them)");
        }

        @Test
        void listenersMustBeDistinct() {
            assertThat(error("--listen", "udp://0.0.0.0:3478", "--listen", "udp://0.0.0.0:3478"))
                    .isEqualTo("--listen 'udp://0.0.0.0:3478': given more than once");
            assertThat(parse("--listen", "udp://0.0.0.0:3478", "--listen", "tcp://0.0.0.0:3478").listen()).hasSize(2);
        }

        @Test
        void tcpAndTlsCannotShareAPort() throws IOException {
            Path cert = file("tls.crt", "c");
            Path key = file("tls.key", "k");
            assertThat(error("--listen", "tcp://0.0.0.0:443", "--listen", "tls://0.0.0.0:443",
                    "--tls-cert", cert.toString(), "--tls-key", key.toString()))
                    .isEqualTo("--listen 'tls://0.0.0.0:443': same TCP port as 'tcp://0.0.0.0:443' (expected distinct ports for tcp:// and tls://)");
        }

        @Test
        void portRangeOfTwoIsEnough() {
            assertThat(parse("--relay-ports", "5000-5001").relayPorts().size()).isEqualTo(2);
        }
    }

    @Test
    void optionalPathsAreEmptyNotNull() {
        assertThat(parse().usersFile()).isEqualTo(Optional.empty());
        assertThat(List.of(parse().tlsCert(), parse().tlsKey(), parse().configFile())).allMatch(Optional::isEmpty);
    }
}
