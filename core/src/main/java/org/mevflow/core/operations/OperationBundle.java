package org.mevflow.core.operations;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;

/** The files of an ingested operation, as the catalog stored them beside its spec. */
public final class OperationBundle {
  private OperationBundle() {}

  /**
   * Each file of the bundle at {@code bundleUri} (a folder URI ending in '/'), by its path inside
   * the bundle; paths that would leave the bundle are left out.
   */
  public static Map<String, ObjectRef> files(ObjectStorage storage, String bundleUri)
      throws IOException {
    ObjectRef spec = ObjectRef.fromUri(URI.create(bundleUri + "operation_spec.json"));
    String prefix = spec.key().substring(0, spec.key().length() - "operation_spec.json".length());
    Map<String, ObjectRef> files = new LinkedHashMap<>();
    for (var o : storage.list(spec.bucket(), prefix)) {
      String path = o.ref().key().substring(prefix.length());
      if (path.isEmpty() || path.startsWith("/") || path.contains("..")) {
        continue;
      }
      files.put(path, o.ref());
    }
    if (!files.containsKey("operation_spec.json")) {
      // every ingested bundle has its spec: storage lost it (or is not the one it was written to)
      throw new IOException("the operation's files are missing from storage at " + bundleUri);
    }
    return files;
  }
}
