package io.turnfleet.relay.config;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The relay's version, written into the jar at build time. */
public final class RelayVersion {

    private static final String RESOURCE = "/io/turnfleet/relay/version.properties";

    private RelayVersion() {
    }

    /** The project version, such as "0.1.0" or "0.1.0-SNAPSHOT". */
    public static String current() {
        try (InputStream in = RelayVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
    }

    /** What --version prints. */
    public static String versionLine() {
        return "turnfleet-relay " + current();
    }
}
