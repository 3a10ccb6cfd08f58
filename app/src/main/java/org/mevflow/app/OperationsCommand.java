package org.mevflow.app;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.operations.OperationCatalog;
import org.mevflow.core.operations.OperationSettings;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.storage.StorageSettings;
import org.mevflow.core.text.Errors;
import org.mevflow.db.Migrations;
import org.mevflow.db.OperationRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mevflow operations ingest DIR}: add an operation to the catalog. */
@Command(
    name = "operations",
    description = "Manage the operation catalog.",
    subcommands = {OperationsCommand.Ingest.class})
public class OperationsCommand {
  public static final String BUCKET = OperationCatalog.BUCKET;

  @Command(
      name = "ingest",
      description = {
        "Ingest the operation in DIR or a git repository URL (operation_spec.json at its root,",
        "in WebMEV's layout), at --commit (default HEAD).",
        "Database as for 'users create'; storage: MEVFLOW_STORAGE_ROOT, else the dev stack's."
      })
  static class Ingest implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR|GIT-URL")
    String source;

    @picocli.CommandLine.Option(names = "--commit", description = "commit to ingest (git only)")
    String commit;

    @Override
    public Integer call() throws Exception {
      var ds = UsersCommand.dataSource();
      Migrations.migrate(ds);
      String root = System.getenv("MEVFLOW_STORAGE_ROOT");
      var storage =
          new StorageSettings(
                  "local",
                  new StorageSettings.Local(
                      root != null ? root : DevHome.fromEnvironment().storage().toString()),
                  null,
                  null)
              .open();
      var catalog =
          new OperationCatalog(
              new OperationRepository(DSL.using(ds, SQLDialect.POSTGRES)),
              storage,
              BUCKET,
              new OperationSettings(
                      System.getenv("MEVFLOW_OPERATIONS_IMAGE_REGISTRY"),
                      System.getenv("MEVFLOW_OPERATIONS_IMAGE_ORG"))
                  .registry());
      try {
        boolean git = source.contains("://") || source.startsWith("git@");
        var result =
            git ? catalog.ingestGit(source, commit) : catalog.ingest(Path.of(source), null, null);
        System.out.printf(
            "%s operation '%s' (%s, %s%s)%n",
            result.created() ? "ingested" : "already in the catalog:",
            result.operation().getName(),
            result.operation().getId(),
            result.operation().getRunner(),
            result.operation().getImage() == null
                ? ""
                : ", image " + result.operation().getImage());
        return 0;
      } catch (OperationSpec.Invalid e) {
        System.err.println("mevflow operations ingest: " + Errors.describe(e));
        return 1;
      }
    }
  }
}
