package io.turnfleet.bench.report;

import io.turnfleet.bench.traffic.TrafficResult;
import io.turnfleet.bench.turn.SetupResult;

/**
 * Whether a run is a valid measurement: every control-plane step succeeded and no packet came back
 * corrupt, stray, misrouted or duplicated. Loss alone does not fail a run (it is a figure to report).
 */
public record RunVerdict(boolean passed, String reason) {
    public static RunVerdict of(RunReport report) {
        for (SetupResult s : new SetupResult[] {report.allocate(), report.channelBind(), report.refreshZero()}) {
            if (s != null && s.failed() > 0) {
                return new RunVerdict(false, s.failed() + " of " + s.attempted() + " "
                        + s.operation().displayName() + " requests failed");
            }
        }
        TrafficResult t = report.traffic();
        if (t != null && t.integrityErrors() > 0) {
            return new RunVerdict(false, t.integrityErrors() + " packets came back corrupt, stray, misrouted or duplicated");
        }
        if (report.unexpectedDatagrams() > 0) {
            return new RunVerdict(false, report.unexpectedDatagrams() + " unexpected datagrams from the server");
        }
        return new RunVerdict(true, "");
    }
}
