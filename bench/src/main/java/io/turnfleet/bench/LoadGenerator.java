package io.turnfleet.bench;

import io.turnfleet.bench.load.LoadOptions;
import io.turnfleet.bench.load.LoadRun;
import io.turnfleet.bench.load.OptionException;
import io.turnfleet.bench.report.ReportJson;
import io.turnfleet.bench.report.ReportTable;
import io.turnfleet.bench.report.RunReport;
import io.turnfleet.bench.report.RunVerdict;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/**
 * TURN load generator: opens allocations against a TURN server, relays verified ChannelData
 * through them to an echo peer of its own, and reports throughput, round-trip latency, loss and
 * control-plane rates as a table and one JSON line. Exit code 0 when every step succeeded and
 * every packet came back intact, 1 when the run found a failure, 2 for bad options.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    public static void main(String[] args) {
        // The generator must not be the bottleneck: skip Netty's per-access buffer checks and leak
        // sampling unless the user asked for them. Set before any Netty class initialises.
        System.setProperty("io.netty.buffer.checkAccessible",
                System.getProperty("io.netty.buffer.checkAccessible", "false"));
        System.setProperty("io.netty.buffer.checkBounds", System.getProperty("io.netty.buffer.checkBounds", "false"));
        System.setProperty("io.netty.leakDetection.level",
                System.getProperty("io.netty.leakDetection.level", "disabled"));
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.print(LoadOptions.USAGE);
                return;
            }
        }
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (OptionException e) {
            System.err.println("turnfleet-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            RunReport report = new LoadRun(options).run();
            String json = ReportJson.line(report);
            System.out.print(ReportTable.render(report));
            System.out.println(json);
            if (options.jsonOut() != null) {
                Files.writeString(options.jsonOut(), json + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            RunVerdict verdict = RunVerdict.of(report);
            if (!verdict.passed()) {
                System.err.println("turnfleet-bench: " + verdict.reason());
                System.exit(1);
            }
        } catch (IOException e) {
            System.err.println("turnfleet-bench: " + e.getMessage());
            System.exit(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.err.println("turnfleet-bench: interrupted");
            System.exit(1);
        }
    }
}
