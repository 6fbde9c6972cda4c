package io.turnfleet.relay.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayMetricsTest {

    private static final Pattern LABEL_NAME = Pattern.compile("([a-z_]+)=\"");

    private final RelayMetrics metrics = new RelayMetrics();
    private final FakeRelayStatus status = new FakeRelayStatus();

    @AfterEach
    void closeMetrics() {
        metrics.close();
    }

    @Test
    void relayedCountsBytesAndPacketsPerDirectionExactly() throws IOException {
        for (int i = 0; i < 1000; i++) {
            metrics.relayed(Direction.CLIENT_TO_PEER, 1200);
        }
        metrics.relayed(Direction.PEER_TO_CLIENT, 7);
        metrics.relayed(Direction.PEER_TO_CLIENT, 0);

        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_relayed_bytes_total{direction=\"client_to_peer\"}")).isEqualTo(1_200_000.0);
        assertThat(value(scrape, "turnfleet_relayed_packets_total{direction=\"client_to_peer\"}")).isEqualTo(1000.0);
        assertThat(value(scrape, "turnfleet_relayed_bytes_total{direction=\"peer_to_client\"}")).isEqualTo(7.0);
        assertThat(value(scrape, "turnfleet_relayed_packets_total{direction=\"peer_to_client\"}")).isEqualTo(2.0);
        assertThat(metrics.relayedBytes(Direction.CLIENT_TO_PEER)).isEqualTo(1_200_000.0);
        assertThat(metrics.relayedPackets(Direction.PEER_TO_CLIENT)).isEqualTo(2.0);
    }

    @Test
    void requestsAreCountedByMethodAndResult() throws IOException {
        metrics.request(RequestMethod.ALLOCATE, 401);
        metrics.request(RequestMethod.ALLOCATE, 0);
        metrics.request(RequestMethod.ALLOCATE, 0);
        metrics.request(RequestMethod.CHANNEL_BIND, 438);
        metrics.request(RequestMethod.REFRESH, 599);
        metrics.request(RequestMethod.REFRESH, 12);

        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_requests_total{method=\"allocate\",result=\"401\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_requests_total{method=\"allocate\",result=\"success\"}")).isEqualTo(2.0);
        assertThat(value(scrape, "turnfleet_requests_total{method=\"channel_bind\",result=\"438\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_requests_total{method=\"refresh\",result=\"other\"}")).isEqualTo(2.0);
        assertThat(value(scrape, "turnfleet_requests_total{method=\"binding\",result=\"success\"}")).isZero();
    }

    @Test
    void everyRequestSeriesExistsBeforeTheFirstRequest() throws IOException {
        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        for (RequestMethod method : RequestMethod.values()) {
            for (int r = 0; r < RequestResult.COUNT; r++) {
                assertThat(value(scrape, "turnfleet_requests_total{method=\"" + method.label()
                        + "\",result=\"" + RequestResult.label(r) + "\"}")).isZero();
            }
        }
        for (String code : new String[] {"300", "400", "403", "420", "437", "440", "441", "442", "443",
            "446", "447", "486", "500", "508"}) {
            assertThat(scrape).contains("turnfleet_requests_total{method=\"connection_bind\",result=\"" + code + "\"}");
        }
    }

    @Test
    void failuresRejectionsAndDropsAreCountedByReason() throws IOException {
        metrics.authFailure(AuthFailure.STALE_NONCE);
        metrics.authFailure(AuthFailure.STALE_NONCE);
        metrics.authFailure(AuthFailure.RATE_LIMITED);
        metrics.quotaRejected(Quota.USER);
        metrics.quotaRejected(Quota.PORTS);
        metrics.peerPolicyRejected();
        metrics.peerPolicyRejected();
        metrics.peerPolicyRejected();
        metrics.malformed("udp");
        metrics.malformed("tls");
        metrics.malformed("tls");
        metrics.dropped(DropReason.NO_PERMISSION);
        metrics.dropped(DropReason.SEND_FAILED);

        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_auth_failures_total{reason=\"stale_nonce\"}")).isEqualTo(2.0);
        assertThat(value(scrape, "turnfleet_auth_failures_total{reason=\"rate_limited\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_auth_failures_total{reason=\"missing_credentials\"}")).isZero();
        assertThat(value(scrape, "turnfleet_quota_rejections_total{quota=\"user\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_quota_rejections_total{quota=\"ports\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_quota_rejections_total{quota=\"bandwidth\"}")).isZero();
        assertThat(value(scrape, "turnfleet_peer_policy_rejections_total")).isEqualTo(3.0);
        assertThat(value(scrape, "turnfleet_malformed_packets_total{transport=\"udp\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_malformed_packets_total{transport=\"tcp\"}")).isZero();
        assertThat(value(scrape, "turnfleet_malformed_packets_total{transport=\"tls\"}")).isEqualTo(2.0);
        assertThat(value(scrape, "turnfleet_dropped_packets_total{reason=\"no_permission\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_dropped_packets_total{reason=\"send_failed\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_dropped_packets_total{reason=\"no_allocation\"}")).isZero();
    }

    @Test
    void everyEnumValueHasASeries() throws IOException {
        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        for (AuthFailure a : AuthFailure.values()) {
            assertThat(scrape).contains("turnfleet_auth_failures_total{reason=\"" + a.label() + "\"}");
        }
        for (Quota q : Quota.values()) {
            assertThat(scrape).contains("turnfleet_quota_rejections_total{quota=\"" + q.label() + "\"}");
        }
        for (DropReason d : DropReason.values()) {
            assertThat(scrape).contains("turnfleet_dropped_packets_total{reason=\"" + d.label() + "\"}");
        }
    }

    @Test
    void malformedOnAnUnknownTransportIsRejectedByName() {
        assertThatThrownBy(() -> metrics.malformed("sctp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transport 'sctp' is not one of udp, tcp, tls");
    }

    @Test
    void statusGaugesFollowTheEngine() throws IOException {
        metrics.bindStatus(status);
        status.allocations = 12;
        status.permissions = 20;
        status.channels = 18;
        status.capacity = 500;
        status.tcp = 3;
        status.tls = 1;

        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_allocations")).isEqualTo(12.0);
        assertThat(value(scrape, "turnfleet_permissions")).isEqualTo(20.0);
        assertThat(value(scrape, "turnfleet_channels")).isEqualTo(18.0);
        assertThat(value(scrape, "turnfleet_capacity")).isEqualTo(500.0);
        assertThat(value(scrape, "turnfleet_connections{transport=\"udp\"}")).isZero();
        assertThat(value(scrape, "turnfleet_connections{transport=\"tcp\"}")).isEqualTo(3.0);
        assertThat(value(scrape, "turnfleet_connections{transport=\"tls\"}")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_draining")).isZero();
        assertThat(value(scrape, "turnfleet_ready")).isEqualTo(1.0);

        status.draining = true;
        scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_draining")).isEqualTo(1.0);
        assertThat(value(scrape, "turnfleet_ready")).isZero();
    }

    @Test
    void eachEventLoopReportsItsThreadCpuTimeAndQueuedTasks() throws Exception {
        MultiThreadIoEventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            metrics.bindEventLoops(loops);
            EventExecutor first = loops.iterator().next();
            // burns 150 ms of the loop thread's own CPU time, however busy the machine is
            first.submit(() -> {
                java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long end = threads.getCurrentThreadCpuTime() + 150_000_000L;
                long spin = 0;
                while (threads.getCurrentThreadCpuTime() < end) {
                    spin++;
                }
                return spin;
            }).get();

            String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
            assertThat(value(scrape, "turnfleet_event_loop_cpu_seconds_total{loop=\"0\"}")).isGreaterThan(0.1);
            assertThat(value(scrape, "turnfleet_event_loop_cpu_seconds_total{loop=\"1\"}")).isLessThan(0.1);
            assertThat(value(scrape, "turnfleet_event_loop_pending_tasks{loop=\"1\"}")).isZero();
        } finally {
            loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    @Test
    void tlsExpiryAndDrainDeadlineAreTimestampsReadAtScrapeTime() throws IOException {
        double[] deadline = {0};
        metrics.bindTlsCertificateExpiry(() -> 1_900_000_000);
        metrics.bindDrainDeadline(() -> deadline[0]);
        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_tls_certificate_expiry_timestamp_seconds")).isEqualTo(1.9e9);
        assertThat(value(scrape, "turnfleet_drain_deadline_timestamp_seconds")).isZero();

        deadline[0] = 1_800_000_300;
        scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(value(scrape, "turnfleet_drain_deadline_timestamp_seconds")).isEqualTo(1.8000003e9);
    }

    @Test
    void bindingASecondStatusIsRefused() {
        metrics.bindStatus(status);
        assertThatThrownBy(() -> metrics.bindStatus(new FakeRelayStatus()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already bound");
    }

    @Test
    void jvmAndProcessMetricsAreExposed() throws IOException {
        String scrape = scrape(ScrapeFormat.PROMETHEUS_TEXT);
        assertThat(scrape).contains(
                "jvm_memory_used_bytes{",
                "jvm_gc_",
                "jvm_threads_live_threads ",
                "jvm_classes_loaded_classes ",
                "jvm_info{",
                "system_cpu_count ",
                "process_uptime_seconds ",
                "process_start_time_seconds ",
                "process_files_open_files ");
    }

    @Test
    void turnfleetSeriesCarryOnlyClosedSetLabels() throws IOException {
        metrics.bindStatus(status);
        Set<String> labelNames = new HashSet<>();
        for (String line : scrape(ScrapeFormat.PROMETHEUS_TEXT).split("\n")) {
            if (line.startsWith("turnfleet_")) {
                Matcher m = LABEL_NAME.matcher(line);
                while (m.find()) {
                    labelNames.add(m.group(1));
                }
            }
        }
        assertThat(labelNames).containsExactlyInAnyOrder("direction", "method", "result", "reason", "quota", "transport");
    }

    @Test
    void openMetricsScrapeEndsWithEof() throws IOException {
        metrics.relayed(Direction.CLIENT_TO_PEER, 5);
        String scrape = scrape(ScrapeFormat.OPENMETRICS_TEXT);
        assertThat(scrape).contains("# TYPE turnfleet_relayed_bytes counter")
                .contains("turnfleet_relayed_bytes_total{direction=\"client_to_peer\"} 5.0")
                .endsWith("# EOF\n");
    }

    /**
     * The per-packet counting must not allocate (design.md, hot path rules). Measured in bytes, not
     * time: one allocation per call would show as megabytes over the loop.
     */
    @Test
    void hotPathCountingAllocatesNothingOnTheHeap() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        countMany(10_000);
        long before = threads.getThreadAllocatedBytes(thread);
        countMany(100_000);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertThat(allocated).isLessThan(16 * 1024);
    }

    private void countMany(int n) {
        for (int i = 0; i < n; i++) {
            metrics.relayed(Direction.CLIENT_TO_PEER, 1000);
            metrics.relayed(Direction.PEER_TO_CLIENT, 1000);
            metrics.dropped(DropReason.NO_CHANNEL);
            metrics.request(RequestMethod.REFRESH, 0);
            metrics.request(RequestMethod.ALLOCATE, 486);
            metrics.malformed("udp");
            metrics.authFailure(AuthFailure.BAD_INTEGRITY);
            metrics.quotaRejected(Quota.BANDWIDTH);
            metrics.peerPolicyRejected();
        }
    }

    private String scrape(ScrapeFormat format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out, format);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Value of one series in Prometheus text; fails the test when the series is missing. */
    static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError("series " + series + " not in scrape:\n" + scrape);
    }
}
