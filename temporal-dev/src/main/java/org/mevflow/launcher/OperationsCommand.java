package org.mevflow.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.activities.operations.OperationCatalog;
import org.mevflow.activities.operations.OperationSpec;
import org.mevflow.activities.storage.StorageSettings;
import org.mevflow.db.Migrations;
import org.mevflow.db.OperationRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mevflow operations ingest DIR}: add an operation to the catalog. */
@Command(
    name = "operations",
    description = "Manage the operation catalog.",
    subcommands = {OperationsCommand.Ingest.class})
class OperationsCommand {
  static final String BUCKET = "mevflow-operations";

  @Command(
      name = "ingest",
      description = {
        "Ingest the operation in DIR (operation_spec.json + main.wdl or run.sh).",
        "Database as for 'users create'; storage: MEVFLOW_STORAGE_ROOT, else the dev stack's."
      })
  static class Ingest implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR")
    Path dir;

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
              new OperationRepository(DSL.using(ds, SQLDialect.POSTGRES)), storage, BUCKET);
      try {
        var result = catalog.ingest(dir, null, null);
        System.out.printf(
            "%s operation '%s' (%s, %s)%n",
            result.created() ? "ingested" : "already in the catalog:",
            result.operation().getName(),
            result.operation().getId(),
            result.operation().getRunner());
        return 0;
      } catch (OperationSpec.Invalid e) {
        System.err.println("mevflow operations ingest: " + e.getMessage());
        return 1;
      }
    }
  }
}
