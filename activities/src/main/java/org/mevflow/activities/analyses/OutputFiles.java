package org.mevflow.activities.analyses;

import org.mevflow.core.storage.ObjectRef;

/** Where both runners put an execution's outputs, and how they make names safe for keys. */
final class OutputFiles {
  private OutputFiles() {}

  /** {@code outputs/<execution>/<key>/<file>}: the same place on every attempt. */
  static ObjectRef ref(String bucket, String executionId, String outputKey, String fileName) {
    return new ObjectRef(
        bucket, "outputs/" + executionId + "/" + safe(outputKey) + "/" + safe(fileName));
  }

  /** Letters, digits, '.', '_' and '-' only, never empty, never hidden. */
  static String safe(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.startsWith(".") ? "file" + s : s;
  }
}
