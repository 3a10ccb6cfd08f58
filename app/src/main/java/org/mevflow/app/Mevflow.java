package org.mevflow.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The mevflow program: every command of the production image. The dev stack's jar (module devstack,
 * behind {@code ./mevflow}) adds {@code dev} and {@code cromwell-sim} through {@link #run(String[],
 * Class[])}.
 */
@Command(
    name = "mevflow",
    mixinStandardHelpOptions = true,
    versionProvider = Mevflow.Version.class,
    description = "WebMEV analyses and wort signatures as durable Temporal workflows.",
    subcommands = {
      ServiceCommands.Api.class,
      ServiceCommands.Worker.class,
      UsersCommand.class,
      SketchCommand.class,
      OperationsCommand.class,
      GenomesCommand.class,
      TemporalCommand.class,
      JobsCommand.class,
      DiscoveryCommand.class,
      ReplayCommand.class,
      CommandLine.HelpCommand.class
    })
public class Mevflow {
  public static void main(String[] args) {
    run(args);
  }

  /** Runs the command {@code args} name, among these commands and {@code more}. */
  public static void run(String[] args, Class<?>... more) {
    String structured = System.getenv("LOGGING_STRUCTURED_FORMAT_CONSOLE");
    if (structured != null && !structured.isBlank()) {
      // logback.xml (plain text, for the commands without Spring) would win over Spring's own
      System.setProperty("logging.config", "classpath:mevflow/logback-json.xml");
    }
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    CommandLine commands =
        new CommandLine(new Mevflow())
            .setCaseInsensitiveEnumValuesAllowed(true)
            .setExecutionExceptionHandler(Mevflow::explain);
    for (Class<?> command : more) {
      commands.addSubcommand(command);
    }
    withHelp(commands);
    int code = commands.execute(args);
    if (code != 0 || !ServiceCommands.keepsRunning()) {
      System.exit(code);
    }
  }

  /** Every command and subcommand answers {@code --help} (and {@code --version}). */
  static void withHelp(CommandLine command) {
    command.getCommandSpec().mixinStandardHelpOptions(true);
    command.getSubcommands().values().forEach(Mevflow::withHelp);
  }

  /**
   * A command that fails says why in one line (each cause's message), not with a stack trace;
   * MEVFLOW_DEBUG=1 shows the trace as well.
   */
  static int explain(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    StringBuilder why = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (why.indexOf(m) < 0) {
        why.append(why.length() == 0 ? "" : ": ").append(m);
      }
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + why);
    if (System.getenv("MEVFLOW_DEBUG") != null) {
      e.printStackTrace(command.getErr());
    }
    return 1;
  }

  static class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Mevflow.class.getPackage().getImplementationVersion();
      return new String[] {"mevflow " + (v == null ? "(development build)" : v)};
    }
  }
}
