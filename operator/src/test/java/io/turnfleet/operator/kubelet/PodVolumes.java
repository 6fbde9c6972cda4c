package io.turnfleet.operator.kubelet;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The volumes of one pod, materialized under the pod's directory the way the kubelet writes them:
 * each ConfigMap or Secret volume is a directory whose files are symlinks into {@code ..data}, a
 * symlink to a timestamped directory that is swapped atomically when the content changes. Relays
 * therefore see updates exactly as in a cluster, only faster (every sync, instead of within about a
 * minute).
 */
final class PodVolumes {
  private final KubernetesClient client;
  private final Pod pod;
  private final Path root;
  private final UnaryOperator<String> configMapRewrite;
  private final Map<String, Map<String, byte[]>> written = new HashMap<>();
  private int generation;

  /**
   * @param root where the container's filesystem paths start ({@code /etc/turnfleet/...} lands in
   *     {@code root/etc/turnfleet/...})
   * @param configMapRewrite applied to ConfigMap file contents, to place node-specific values
   */
  PodVolumes(KubernetesClient client, Pod pod, Path root, UnaryOperator<String> configMapRewrite) {
    this.client = client;
    this.pod = pod;
    this.root = root;
    this.configMapRewrite = configMapRewrite;
  }

  /** The host path of a path inside the container. */
  Path hostPath(String containerPath) {
    return root.resolve(containerPath.startsWith("/") ? containerPath.substring(1) : containerPath);
  }

  /** Writes every volume whose source changed since the last sync. */
  void sync() {
    List<VolumeMount> mounts = pod.getSpec().getContainers().get(0).getVolumeMounts();
    for (Volume volume : pod.getSpec().getVolumes()) {
      VolumeMount mount = mounts.stream().filter(m -> m.getName().equals(volume.getName())).findFirst().orElse(null);
      if (mount == null) {
        continue;
      }
      Path dir = hostPath(mount.getMountPath());
      if (volume.getConfigMap() != null) {
        ConfigMap cm = client.configMaps().inNamespace(pod.getMetadata().getNamespace())
            .withName(volume.getConfigMap().getName()).get();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (cm != null && cm.getData() != null) {
          cm.getData().forEach((k, v) -> files.put(k, configMapRewrite.apply(v).getBytes(StandardCharsets.UTF_8)));
        }
        write(volume.getName(), dir, selected(files, volume.getConfigMap().getItems()));
      } else if (volume.getSecret() != null) {
        Secret secret = client.secrets().inNamespace(pod.getMetadata().getNamespace())
            .withName(volume.getSecret().getSecretName()).get();
        Map<String, byte[]> files = new LinkedHashMap<>();
        if (secret != null && secret.getData() != null) {
          secret.getData().forEach((k, v) -> files.put(k, Base64.getDecoder().decode(v)));
        }
        write(volume.getName(), dir, selected(files, volume.getSecret().getItems()));
      } else {
        mkdirs(dir);
      }
    }
  }

  private static Map<String, byte[]> selected(Map<String, byte[]> files, List<KeyToPath> items) {
    if (items == null || items.isEmpty()) {
      return files;
    }
    Map<String, byte[]> chosen = new LinkedHashMap<>();
    for (KeyToPath item : items) {
      if (files.containsKey(item.getKey())) {
        chosen.put(item.getPath(), files.get(item.getKey()));
      }
    }
    return chosen;
  }

  private void write(String volume, Path dir, Map<String, byte[]> files) {
    Map<String, byte[]> before = written.get(volume);
    if (before != null && sameContent(before, files)) {
      return;
    }
    try {
      mkdirs(dir);
      Path data = dir.resolve("..data");
      Path previous = Files.isSymbolicLink(data) ? dir.resolve(Files.readSymbolicLink(data)) : null;
      Path version = dir.resolve("..v" + (++generation));
      Files.createDirectories(version);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        Files.write(version.resolve(file.getKey()), file.getValue());
      }
      Path swap = dir.resolve("..data_tmp");
      Files.deleteIfExists(swap);
      Files.createSymbolicLink(swap, version.getFileName());
      Files.move(swap, data, StandardCopyOption.ATOMIC_MOVE);
      for (String key : files.keySet()) {
        Path link = dir.resolve(key);
        if (!Files.isSymbolicLink(link)) {
          Files.createSymbolicLink(link, Path.of("..data", key));
        }
      }
      try (Stream<Path> entries = Files.list(dir)) {
        for (Path entry : entries.toList()) {
          String name = entry.getFileName().toString();
          if (!name.startsWith("..") && !files.containsKey(name)) {
            Files.delete(entry);
          }
        }
      }
      if (previous != null) {
        deleteTree(previous);
      }
      written.put(volume, files);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write volume " + volume + " of pod " + pod.getMetadata().getName(), e);
    }
  }

  private static boolean sameContent(Map<String, byte[]> a, Map<String, byte[]> b) {
    return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> java.util.Arrays.equals(a.get(k), b.get(k)));
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
