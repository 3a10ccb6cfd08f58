package org.mevflow.app;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.mevflow.core.text.Errors;
import org.mevflow.db.Migrations;
import org.mevflow.db.UserRepository;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./mevflow users ...}: account administration straight against the database. */
@Command(
    name = "users",
    description = "Manage users.",
    subcommands = {UsersCommand.Create.class})
public class UsersCommand {
  static final int MIN_PASSWORD_LENGTH = 8;

  /** The cost the API's password encoder uses too. */
  public static final int BCRYPT_STRENGTH = 12;

  @Command(
      name = "create",
      description = {
        "Create a user; the password is read from standard input.",
        "Database: MEVFLOW_DB_URL (+ MEVFLOW_DB_USER, MEVFLOW_DB_PASSWORD),"
            + " else the running ./mevflow dev stack."
      })
  static class Create implements Callable<Integer> {
    @Parameters(index = "0", description = "user name (wort logs in with it)")
    String name;

    @Option(
        names = "--email",
        description = "email (WebMEV logs in with it; default NAME@localhost)")
    String email;

    @Option(names = "--admin", description = "give the user administrator rights")
    boolean admin;

    @Override
    public Integer call() throws IOException {
      char[] password = readPassword();
      try {
        if (password.length < MIN_PASSWORD_LENGTH) {
          System.err.println(
              "error: the password must have at least " + MIN_PASSWORD_LENGTH + " characters");
          return 2;
        }
        DataSource ds = dataSource();
        Migrations.migrate(ds);
        var users = new UserRepository(DSL.using(ds, SQLDialect.POSTGRES));
        String hash = new BCryptPasswordEncoder(BCRYPT_STRENGTH).encode(new String(password));
        var user = users.create(name, email == null ? name + "@localhost" : email, hash, admin);
        System.out.printf(
            "created user %s (%s)%s, id %d%n",
            user.getUsername(), user.getEmail(), admin ? ", admin" : "", user.getId());
        return 0;
      } catch (UserRepository.DuplicateUserException e) {
        System.err.println("error: " + Errors.describe(e));
        return 1;
      } finally {
        Arrays.fill(password, '\0');
      }
    }

    private static char[] readPassword() throws IOException {
      Console console = System.console();
      if (console != null) {
        char[] first = console.readPassword("password: ");
        char[] again = console.readPassword("again: ");
        if (first == null || !Arrays.equals(first, again)) {
          throw new IllegalArgumentException("the two passwords differ");
        }
        return first;
      }
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }
  }

  static DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    String url = System.getenv("MEVFLOW_DB_URL");
    if (url != null && !url.isBlank()) {
      ds.setUrl(url);
      ds.setUser(System.getenv().getOrDefault("MEVFLOW_DB_USER", "mevflow"));
      ds.setPassword(System.getenv().getOrDefault("MEVFLOW_DB_PASSWORD", ""));
      return ds;
    }
    DevHome home = DevHome.fromEnvironment();
    Properties stack =
        home.readStack()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no database: set MEVFLOW_DB_URL, or start './mevflow dev' (looked for "
                            + home.stackFile()
                            + ")"));
    ds.setUrl(stack.getProperty("db.url"));
    ds.setUser(stack.getProperty("db.user"));
    return ds;
  }
}
