package org.mevflow.core.storage;

import com.google.cloud.storage.contrib.nio.testing.LocalStorageHelper;

/** GCS against Google's in-process fake of the service. */
class GcsObjectStorageTest extends ObjectStorageContract {
  private static final com.google.cloud.storage.Storage FAKE =
      LocalStorageHelper.getOptions().getService();

  @Override
  ObjectStorage storage() {
    return new GcsObjectStorage(FAKE);
  }
}
