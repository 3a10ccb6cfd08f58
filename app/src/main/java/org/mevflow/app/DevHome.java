package org.mevflow.app;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

/**
 * The dev stack's folder ({@code MEVFLOW_HOME}, default {@code .mevflow/} in the checkout): the
 * PostgreSQL data directory, local object storage, the generated secret, and while the stack runs a
 * {@code stack.properties} telling other commands where its services are.
 */
public record DevHome(Path root) {
  public static DevHome fromEnvironment() {
    String home = System.getenv("MEVFLOW_HOME");
    return new DevHome(
        Path.of(home == null || home.isBlank() ? ".mevflow" : home).toAbsolutePath());
  }

  public Path postgres() {
    return root.resolve("postgres");
  }

  /** Temporal's dev server's SQLite file, pid file and log. */
  public Path temporal() {
    return root.resolve("temporal");
  }

  public Path storage() {
    return root.resolve("storage");
  }

  Path stackFile() {
    return root.resolve("stack.properties");
  }

  public void create() throws IOException {
    Files.createDirectories(root);
    Files.createDirectories(storage());
  }

  /**
   * The dev stack's signing secret: generated once and kept, so tokens survive a restart. Only dev
   * mode has such a default; {@code ./mevflow api} requires MEVFLOW_SECRET.
   */
  public Path secretFile() {
    return root.resolve("secret");
  }

  public String secret() throws IOException {
    Path file = secretFile();
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] bytes = new byte[48];
    new SecureRandom().nextBytes(bytes);
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    Files.writeString(file, secret);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return secret;
  }

  public void writeStack(Properties stack) {
    try (Writer w = Files.newBufferedWriter(stackFile())) {
      stack.store(w, "written by ./mevflow dev while it runs");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Optional<Properties> readStack() {
    if (!Files.exists(stackFile())) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(stackFile())) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Optional.of(p);
  }

  public void deleteStack() {
    try {
      Files.deleteIfExists(stackFile());
    } catch (IOException ignored) {
      // a stale stack file is re-written by the next start
    }
  }
}
