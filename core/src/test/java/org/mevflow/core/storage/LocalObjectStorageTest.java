package org.mevflow.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalObjectStorageTest extends ObjectStorageContract {
  @Override
  ObjectStorage storage() throws Exception {
    return new LocalObjectStorage(dir.resolve("root"));
  }

  @Test
  void objectsAreFilesUnderTheRootAndNoTemporaryFileIsLeft() throws Exception {
    storage.put(ref("sigs/x.sig"), file("x"), Content.GZIPPED_JSON);
    assertThat(dir.resolve("root/wort-sra/" + prefix + "sigs/x.sig")).hasContent("x");
    try (var parts = Files.list(dir.resolve("root/.tmp"))) {
      assertThat(parts).isEmpty();
    }
    assertThat(storage.presignedGetUrl(ref("sigs/x.sig"), Duration.ofMinutes(5))).isEmpty();
  }
}
