package io.turnfleet.operator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Model;
import org.apache.maven.model.Parent;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.Repository;
import org.apache.maven.model.building.DefaultModelBuilderFactory;
import org.apache.maven.model.building.DefaultModelBuildingRequest;
import org.apache.maven.model.building.FileModelSource;
import org.apache.maven.model.building.ModelBuildingException;
import org.apache.maven.model.building.ModelBuildingRequest;
import org.apache.maven.model.building.ModelSource2;
import org.apache.maven.model.resolution.ModelResolver;
import org.apache.maven.model.resolution.UnresolvableModelException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * A module's effective POM as Maven builds it (parent inheritance, property interpolation, plugin
 * management), with no command-line properties: the configuration a plain build uses. Imported BOMs
 * come from the local repository the build itself filled.
 */
public final class BuildModel {
  private final Model model;

  private BuildModel(Model model) {
    this.model = model;
  }

  public static BuildModel of(String module) {
    ModelBuildingRequest request = new DefaultModelBuildingRequest()
        .setPomFile(RepositoryFiles.root().resolve(module).resolve("pom.xml").toAbsolutePath().toFile())
        .setValidationLevel(ModelBuildingRequest.VALIDATION_LEVEL_MINIMAL)
        .setProcessPlugins(false)
        .setSystemProperties(new Properties())
        .setModelResolver(new LocalRepository(localRepository()));
    try {
      return new BuildModel(new DefaultModelBuilderFactory().newInstance().build(request).getEffectiveModel());
    } catch (ModelBuildingException e) {
      throw new IllegalStateException("cannot build the effective POM of " + module + ": " + e.getMessage(), e);
    }
  }

  public String version() {
    return model.getVersion();
  }

  public Plugin plugin(String artifactId) {
    return model.getBuild().getPlugins().stream().filter(p -> p.getArtifactId().equals(artifactId)).findFirst()
        .orElseThrow(() -> new AssertionError(model.getArtifactId() + " does not use " + artifactId));
  }

  /** The text at a path of elements in a plugin's configuration, e.g. {@code "to", "image"}. */
  public String setting(String artifactId, String... path) {
    Xpp3Dom node = configuration(artifactId);
    for (String name : path) {
      node = node == null ? null : node.getChild(name);
    }
    if (node == null) {
      throw new AssertionError(artifactId + " has no " + String.join("/", path) + " in " + model.getArtifactId());
    }
    return node.getValue().strip();
  }

  /** The texts of the children of an element, e.g. {@code "container", "jvmFlags"}. */
  public List<String> settings(String artifactId, String... path) {
    Xpp3Dom node = configuration(artifactId);
    for (String name : path) {
      node = node == null ? null : node.getChild(name);
    }
    return node == null ? List.of() : List.of(node.getChildren()).stream().map(c -> c.getValue().strip()).toList();
  }

  /** The main class the runnable (shaded) jar's manifest names. */
  public String jarMainClass() {
    Xpp3Dom transformers = plugin("maven-shade-plugin").getExecutions().get(0).getConfiguration() instanceof Xpp3Dom c
        ? c.getChild("transformers") : null;
    for (Xpp3Dom transformer : transformers == null ? new Xpp3Dom[0] : transformers.getChildren()) {
      if (transformer.getAttribute("implementation").endsWith("ManifestResourceTransformer")) {
        return transformer.getChild("mainClass").getValue().strip();
      }
    }
    throw new AssertionError(model.getArtifactId() + "'s shaded jar names no main class");
  }

  private Xpp3Dom configuration(String artifactId) {
    return (Xpp3Dom) plugin(artifactId).getConfiguration();
  }

  private static Path localRepository() {
    String configured = System.getProperty("turnfleet.localRepository");
    return configured != null && !configured.startsWith("$")
        ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  /** Resolves parent and imported POMs from a local Maven repository, never from the network. */
  private record LocalRepository(Path root) implements ModelResolver {
    @Override
    public ModelSource2 resolveModel(String groupId, String artifactId, String version)
        throws UnresolvableModelException {
      Path pom = root.resolve(groupId.replace('.', '/')).resolve(artifactId).resolve(version)
          .resolve(artifactId + "-" + version + ".pom");
      if (!Files.isRegularFile(pom)) {
        throw new UnresolvableModelException(pom + " is not in the local repository (run the build once)",
            groupId, artifactId, version);
      }
      return new FileModelSource(pom.toFile());
    }

    @Override
    public ModelSource2 resolveModel(Parent parent) throws UnresolvableModelException {
      return resolveModel(parent.getGroupId(), parent.getArtifactId(), parent.getVersion());
    }

    @Override
    public ModelSource2 resolveModel(Dependency dependency) throws UnresolvableModelException {
      return resolveModel(dependency.getGroupId(), dependency.getArtifactId(), dependency.getVersion());
    }

    @Override
    public void addRepository(Repository repository) {
    }

    @Override
    public void addRepository(Repository repository, boolean replace) {
    }

    @Override
    public ModelResolver newCopy() {
      return this;
    }
  }
}
