package io.turnfleet.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time of a process from {@code /proc/PID/stat}: user plus system time, in clock ticks (proc(5)). */
public final class ProcessCpu {
    private ProcessCpu() {
    }

    /** utime + stime of the process, in clock ticks; {@code pid} 0 means this process. */
    public static long ticks(int pid) throws IOException {
        return ticks(Files.readString(Path.of("/proc", pid == 0 ? "self" : Integer.toString(pid), "stat")));
    }

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may contain spaces and
     * parentheses, so fields are counted from the last ')': utime and stime are fields 14 and 15.
     */
    static long ticks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: no ')' after the command name");
        }
        String[] fields = stat.substring(close + 2).trim().split(" ");
        // fields[0] is field 3 (state); utime is field 14, stime field 15.
        if (fields.length < 13) {
            throw new IllegalArgumentException("/proc/PID/stat line has " + (fields.length + 2)
                    + " fields (expected at least 15)");
        }
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
