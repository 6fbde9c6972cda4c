package io.turnfleet.relay.interop;

import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The summary {@code turnutils_uclient} prints after a run: messages sent and received over all
 * its sessions, lost packets, and the seconds it spent connecting and transmitting.
 */
record UclientReport(long sent, long received, long lost, long connectSeconds, long transmitSeconds) {
    private static final Pattern TOTALS = Pattern.compile(
            "start_mclient: tot_send_msgs=(\\d+), tot_recv_msgs=(\\d+)\\s*$", Pattern.MULTILINE);
    private static final Pattern LOST = Pattern.compile("Total lost packets (\\d+) ");
    private static final Pattern CONNECT = Pattern.compile("Total connect time is (\\d+)");
    private static final Pattern TRANSMIT = Pattern.compile("Total transmit time is (\\d+)");

    /** Parses a finished run's output; an AssertionError quoting the run when a line is missing. */
    static UclientReport of(ProcessRun run) {
        MatchResult totals = last(TOTALS, run);
        return new UclientReport(Long.parseLong(totals.group(1)), Long.parseLong(totals.group(2)),
                Long.parseLong(last(LOST, run).group(1)), Long.parseLong(last(CONNECT, run).group(1)),
                Long.parseLong(last(TRANSMIT, run).group(1)));
    }

    private static MatchResult last(Pattern pattern, ProcessRun run) {
        MatchResult last = null;
        Matcher matcher = pattern.matcher(run.output());
        while (matcher.find()) {
            last = matcher.toMatchResult();
        }
        if (last == null) {
            throw new AssertionError("no line matching '" + pattern + "' in the uclient run:\n" + run.describe());
        }
        return last;
    }

    /** Messages per second each way over the transmit time uclient reports (whole seconds). */
    double messagesPerSecond() {
        return transmitSeconds == 0 ? sent : (double) sent / transmitSeconds;
    }
}
