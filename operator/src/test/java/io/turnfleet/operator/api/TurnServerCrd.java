package io.turnfleet.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.io.File;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Generates {@code turnservers.turnfleet.io-v1.yml} from the Java model at build time (the operator's
 * pom runs it in process-test-classes). It is fabric8's CRDGenerator, as the crd-generator Maven plugin
 * runs it, plus one step the plugin lacks: the generator sorts printer columns by JSONPath, while
 * {@code kubectl get} shows them in CRD order, so they are put back in the order the
 * {@link AdditionalPrinterColumn} annotations are declared on {@link TurnServer}.
 */
public final class TurnServerCrd {
  private TurnServerCrd() {}

  /** {@code args[0]}: the output directory. */
  public static void main(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("expected one argument, the output directory; got " + args.length);
    }
    File output = new File(args[0]);
    if (!output.isDirectory() && !output.mkdirs()) {
      throw new IllegalStateException("cannot create output directory " + output);
    }
    new CRDGenerator()
        .inOutputDir(output)
        .forCRDVersions("v1")
        .withParallelGenerationEnabled(false)
        .withPostProcessor(new DeclaredPrinterColumnOrder())
        .customResourceClasses(TurnServer.class)
        .generate();
  }

  /** The printer column names of {@link TurnServer}, in declaration order. */
  static List<String> declaredPrinterColumns() {
    return Arrays.stream(TurnServer.class.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }

  static final class DeclaredPrinterColumnOrder implements CRDPostProcessor {
    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
      List<String> order = declaredPrinterColumns();
      for (var version : ((CustomResourceDefinition) crd).getSpec().getVersions()) {
        List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
        if (columns != null) {
          columns.sort(Comparator.comparingInt(c -> order.indexOf(c.getName())));
        }
      }
      return crd;
    }
  }
}
