package io.turnfleet.relay.interop;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds coturn's command-line tools. Missing tools fail the tests that need them, with the fix. */
final class CoturnTools {
    static final String INSTALL_HINT = "install coturn: apt-get install -y coturn";

    private CoturnTools() {
    }

    /** The executable {@code name} from PATH; an AssertionError naming the fix when it is absent. */
    static Path require(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(name + " was not found on PATH (" + path + "): " + INSTALL_HINT);
    }
}
