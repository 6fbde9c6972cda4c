package io.turnfleet.operator;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files outside the module: crds/, examples/ and helm/ at the repository root. */
public final class RepositoryFiles {
  private RepositoryFiles() {}

  public static Path root() {
    String configured = System.getProperty("turnfleet.root");
    Path root = configured != null ? Path.of(configured) : Path.of("..");
    if (!Files.isDirectory(root.resolve("crds"))) {
      throw new IllegalStateException("repository root not found at " + root.toAbsolutePath()
          + " (expected a crds/ directory; set -Dturnfleet.root)");
    }
    return root.normalize();
  }

  public static Path checkedInCrd() {
    return root().resolve("crds/turnservers.turnfleet.io-v1.yml");
  }

  public static Path chartCrd() {
    return root().resolve("helm/turnfleet/crds/turnservers.turnfleet.io-v1.yml");
  }

  /** The relay's runnable jar, which the reactor builds before this module (mvn package of relay-image). */
  public static Path relayJar() {
    return built("relay-image/target/turnfleet-relay.jar",
        "build the relay first (mvn verify from the repository root, or mvn -pl relay-image package)");
  }

  /** The operator's shaded jar, which mvn package builds before the integration tests run. */
  public static Path operatorJar() {
    return built("operator/target/turnfleet-operator.jar",
        "run the integration tests through mvn verify, which packages the operator first");
  }

  private static Path built(String path, String howToBuild) {
    Path jar = root().resolve(path);
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: " + howToBuild);
    }
    return jar;
  }

  /** The CRD the build generated from the Java model (api.TurnServerCrd, process-test-classes). */
  public static Path generatedCrd() {
    return Path.of("target/classes/META-INF/fabric8/turnservers.turnfleet.io-v1.yml");
  }
}
