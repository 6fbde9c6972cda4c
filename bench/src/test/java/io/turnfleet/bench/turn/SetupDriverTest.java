package io.turnfleet.bench.turn;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SetupDriverTest {
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5555);

    private final AtomicLong clock = new AtomicLong();
    private final SetupDriver driver = new SetupDriver(clock::get);
    private final Credentials credentials = Credentials.staticUser("bench:secret");
    private final FakeTurnServer server = new FakeTurnServer(credentials, "n");
    private final List<RecordingLink> links = new ArrayList<>();
    private final List<ClientAllocation> allocations = new ArrayList<>();
    private final AtomicReference<SetupResult> result = new AtomicReference<>();

    private void create(int count) {
        for (int id = 0; id < count; id++) {
            ClientAllocation allocation = new ClientAllocation(id, 0x4000 + id, PEER, credentials, driver);
            RecordingLink link = new RecordingLink();
            allocation.attach(link);
            links.add(link);
            allocations.add(allocation);
        }
    }

    @Test
    void keepsAtMostConcurrencyOperationsInFlightAndStartsTheNextAsOneFinishes() {
        create(5);
        driver.start(Operation.ALLOCATE, allocations, 2, result::set);

        assertThat(allocations).filteredOn(ClientAllocation::busy).hasSize(2);
        links.get(0).last();
        allocations.get(0).onResponse(server.challenge(links.get(0).last()), 0);
        allocations.get(0).onResponse(server.allocated(links.get(0).last(), 40_000), 0);

        assertThat(allocations).filteredOn(ClientAllocation::busy).extracting(ClientAllocation::id).containsExactly(1, 2);
    }

    @Test
    void resultCountsSuccessesFailuresAndTimesTheBatch() {
        create(3);
        clock.set(1_000_000_000L);
        driver.start(Operation.ALLOCATE, allocations, 3, result::set);
        for (int i = 0; i < 2; i++) {
            allocations.get(i).onResponse(server.challenge(links.get(i).last()), 0);
            allocations.get(i).onResponse(server.allocated(links.get(i).last(), 40_000 + i), 0);
        }
        clock.set(1_500_000_000L);
        allocations.get(2).onResponse(server.challenge(links.get(2).last()), 0);
        allocations.get(2).onResponse(server.error(links.get(2).last(), 508, "Insufficient Capacity", false), 0);

        SetupResult done = result.get();
        assertThat(done.operation()).isEqualTo(Operation.ALLOCATE);
        assertThat(done.attempted()).isEqualTo(3);
        assertThat(done.succeeded()).isEqualTo(2);
        assertThat(done.failed()).isEqualTo(1);
        assertThat(done.seconds()).isEqualTo(0.5);
        assertThat(done.perSecond()).isEqualTo(4.0);
        assertThat(done.failures()).containsEntry("Allocate: 508 Insufficient Capacity", 1);
    }

    @Test
    void timerDrivesRetransmissionsOfInFlightOperations() {
        create(1);
        driver.start(Operation.ALLOCATE, allocations, 1, result::set);
        clock.set(300_000_000L);

        driver.onTimer();

        assertThat(links.get(0).sent).hasSize(2);
    }

    @Test
    void emptyBatchCompletesAtOnce() {
        driver.start(Operation.REFRESH_ZERO, List.of(), 4, result::set);

        assertThat(result.get().attempted()).isZero();
        assertThat(result.get().perSecond()).isZero();
    }
}
