package org.mevflow.app;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.ncbi.AssemblySummary;
import org.mevflow.core.text.Errors;
import org.mevflow.db.GenomeRepository;
import org.mevflow.db.Migrations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./mevflow genomes load FILE}: genome metadata from NCBI's assembly summary. */
@Command(
    name = "genomes",
    description = "Genome metadata, as wort keeps it.",
    subcommands = {GenomesCommand.Load.class})
public class GenomesCommand {

  @Command(
      name = "load",
      description = {
        "Load NCBI's assembly_summary_genbank.txt (or assembly_summary.txt; gzipped or not):",
        "accession, organism, infraspecific name, assembly name and folder of every assembly,",
        "which names genome signatures as wort names them and lets /v1/compute/genomes accept",
        "them without asking NCBI. Rows already there are replaced. Database as for",
        "'users create'."
      })
  static class Load implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Override
    public Integer call() throws Exception {
      var ds = UsersCommand.dataSource();
      Migrations.migrate(ds);
      GenomeRepository genomes = new GenomeRepository(DSL.using(ds, SQLDialect.POSTGRES));
      long rows;
      try (InputStream in = Files.newInputStream(file)) {
        rows = AssemblySummary.read(in, 2000, genomes::upsert);
      } catch (AssemblySummary.Malformed e) {
        System.err.println("mevflow genomes load: " + file + ": " + Errors.describe(e));
        return 1;
      }
      System.out.printf("loaded %d assemblies from %s (%d known)%n", rows, file, genomes.count());
      return 0;
    }
  }
}
