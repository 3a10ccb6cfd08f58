package org.mevflow.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The cluster's generated credentials, made once and kept (mode 600) in {@code secrets/}: the
 * database password, the object store's secret key, the API's token secret. A restart reuses them,
 * as a deployment's secret store would.
 */
record ClusterSecrets(Path dir) {
  static ClusterSecrets in(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    return new ClusterSecrets(dir);
  }

  Path databasePasswordFile() {
    return dir.resolve("db-password");
  }

  String databasePassword() throws IOException {
    return read("db-password", 24);
  }

  String objectStoreSecret() throws IOException {
    return read("s3-secret-key", 30);
  }

  String apiSecret() throws IOException {
    return read("api-secret", 48);
  }

  private String read(String name, int bytes) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.exists(file)) {
      byte[] raw = new byte[bytes];
      new SecureRandom().nextBytes(raw);
      Path tmp = dir.resolve(name + ".tmp");
      Files.writeString(tmp, Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
    return Files.readString(file).strip();
  }
}
