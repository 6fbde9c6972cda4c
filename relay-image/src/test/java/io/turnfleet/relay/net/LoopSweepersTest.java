package io.turnfleet.relay.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One sweep per event loop for all of its client paths, with the loop's permission and channel counts. */
class LoopSweepersTest {

    @Test
    void oneTimerSweepsEveryPathOfItsLoopOncePerPeriodAndCountsTheirTotals() {
        EmbeddedChannel channel = new EmbeddedChannel();
        EventLoop loop = channel.eventLoop();
        LoopSweepers sweepers = new LoopSweepers(Duration.ofSeconds(120));
        List<Long> sweeps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            sweepers.join(loop, (now, totals) -> {
                sweeps.add(now);
                totals.add(2, 1);
            });
        }

        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(sweeps).hasSize(1000);
        assertThat(new HashSet<>(sweeps)).as("all in one run of the loop's timer").hasSize(1);
        assertThat(sweepers.totals().permissions()).isEqualTo(2000);
        assertThat(sweepers.totals().channels()).isEqualTo(1000);
        channel.finishAndReleaseAll();
    }

    @Test
    void aPathThatLeftIsNoLongerSweptNorCounted() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopSweepers sweepers = new LoopSweepers(Duration.ofSeconds(120));
        List<Long> sweeps = new ArrayList<>();
        LoopSweepers.Swept path = (now, totals) -> {
            sweeps.add(now);
            totals.add(1, 1);
        };
        sweepers.join(channel.eventLoop(), path);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        sweepers.leave(channel.eventLoop(), path);
        channel.advanceTimeBy(1, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();

        assertThat(sweeps).hasSize(1);
        assertThat(sweepers.totals().permissions()).isZero();
        channel.finishAndReleaseAll();
    }

    @Test
    void aShortTimeoutIsCheckedAtAQuarterOfItself() {
        EmbeddedChannel channel = new EmbeddedChannel();
        LoopSweepers sweepers = new LoopSweepers(Duration.ofMillis(400));
        List<Long> sweeps = new ArrayList<>();
        sweepers.join(channel.eventLoop(), (now, totals) -> sweeps.add(now));

        channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(sweeps).hasSize(1);
        channel.finishAndReleaseAll();
    }
}
