package io.turnfleet.bench.compare;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads result files (JSON lines from the generator and memory lines from {@code compare.sh}) and
 * prints the median of every standard figure per server with the candidate/baseline ratio.
 *
 * <pre>java -cp turnfleet-bench.jar io.turnfleet.bench.compare.CompareResults
 *     [--candidate turnfleet] [--baseline coturn] [--markdown] FILE...</pre>
 */
public final class CompareResults {
    private CompareResults() {
    }

    public static void main(String[] args) {
        String candidate = "turnfleet";
        String baseline = "coturn";
        boolean markdown = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--candidate" -> candidate = value(args, ++i, "--candidate");
                case "--baseline" -> baseline = value(args, ++i, "--baseline");
                case "--markdown" -> markdown = true;
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            fail("expected one or more result files (JSON lines)");
        }
        List<JsonNode> lines = new ArrayList<>();
        for (Path file : files) {
            lines.addAll(read(file));
        }
        List<Comparison.Row> rows = Comparison.rows(Figure.STANDARD, lines, candidate, baseline);
        System.out.print(markdown ? ComparisonTable.markdown(rows, candidate, baseline)
                : ComparisonTable.text(rows, candidate, baseline));
    }

    static List<JsonNode> read(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        List<String> text;
        try {
            text = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            fail(file + ": no such file");
            return lines;
        } catch (IOException e) {
            fail(file + ": " + e.getMessage());
            return lines;
        }
        for (int i = 0; i < text.size(); i++) {
            if (text.get(i).isBlank()) {
                continue;
            }
            try {
                lines.add(mapper.readTree(text.get(i)));
            } catch (JsonProcessingException e) {
                fail(file + " line " + (i + 1) + ": not JSON (" + e.getOriginalMessage() + ")");
            }
        }
        return lines;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            fail(flag + ": expected a label after it");
        }
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("compare-results: " + message);
        System.exit(2);
    }
}
