package org.mevflow.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.app.DevHome;
import org.mevflow.app.OperationsCommand;
import org.mevflow.app.UsersCommand;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.core.text.Errors;
import org.mevflow.db.Migrations;
import org.mevflow.db.OperationRepository;
import org.mevflow.db.UserRepository;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** What every dev stack holds before anything answers: the dev user and the example catalog. */
final class DevSeed {
  static final String DEV_USER = "dev";
  static final String DEV_EMAIL = "dev@localhost";

  private DevSeed() {}

  /** The dev user always has the password printed at start (MEVFLOW_DEV_PASSWORD or "dev"). */
  static void ensureDevUser(DataSource dataSource, String password) {
    Migrations.migrate(dataSource);
    UserRepository users = new UserRepository(DSL.using(dataSource, SQLDialect.POSTGRES));
    String hash = new BCryptPasswordEncoder(UsersCommand.BCRYPT_STRENGTH).encode(password);
    users
        .findByLogin(DEV_USER)
        .ifPresentOrElse(
            u -> users.updatePassword(u.getId(), hash),
            () -> users.create(DEV_USER, DEV_EMAIL, hash, true));
  }

  /** The example catalog (examples/operations beside the launcher) is in every dev stack. */
  static void ingestExamples(DataSource dataSource, DevHome home) {
    ingestExamples(
        dataSource,
        new StorageSettings(
                "local", new StorageSettings.Local(home.storage().toString()), null, null)
            .open());
  }

  /** The example catalog, its files in {@code storage} (a cluster's object store). */
  static void ingestExamples(DataSource dataSource, ObjectStorage storage) {
    Path examples =
        Path.of(System.getenv().getOrDefault("MEVFLOW_EXAMPLES", "examples/operations"));
    if (!Files.isDirectory(examples)) {
      return;
    }
    OperationCatalog catalog =
        new OperationCatalog(
            new OperationRepository(DSL.using(dataSource, SQLDialect.POSTGRES)),
            storage,
            OperationsCommand.BUCKET);
    try (var dirs = Files.list(examples)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        try {
          catalog.ingest(dir, null, null);
        } catch (OperationSpec.Invalid | RuntimeException e) {
          // an example that cannot be ingested must not keep the whole stack from starting
          System.err.println("example operation " + dir + " not ingested: " + Errors.describe(e));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
