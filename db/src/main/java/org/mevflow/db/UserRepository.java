package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.USERS;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.mevflow.db.jooq.tables.records.UsersRecord;

/** Users of both services: wort (username + password, bearer tokens) and WebMEV (email + JWT). */
public class UserRepository {
  private final DSLContext db;

  public UserRepository(DSLContext db) {
    this.db = db;
  }

  /** A new user, or {@link DuplicateUserException} if the username or email is taken. */
  public UsersRecord create(String username, String email, String passwordHash, boolean admin) {
    try {
      return db.insertInto(USERS)
          .set(USERS.USERNAME, username)
          .set(USERS.EMAIL, email.toLowerCase(Locale.ROOT))
          .set(USERS.PASSWORD_HASH, passwordHash)
          .set(USERS.IS_ADMIN, admin)
          .returning()
          .fetchOne();
    } catch (RuntimeException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DuplicateUserException(username, email);
      }
      throw e;
    }
  }

  public Optional<UsersRecord> findById(long id) {
    return db.selectFrom(USERS).where(USERS.ID.eq(id)).fetchOptional();
  }

  /** The email addresses of these users, by id, in one query. */
  public Map<Long, String> emails(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return db.select(USERS.ID, USERS.EMAIL)
        .from(USERS)
        .where(USERS.ID.in(ids))
        .fetchMap(USERS.ID, USERS.EMAIL);
  }

  /** Looks a login name up as a username first, then as an email address. */
  public Optional<UsersRecord> findByLogin(String login) {
    return db.selectFrom(USERS)
        .where(USERS.USERNAME.eq(login))
        .fetchOptional()
        .or(() -> findByEmail(login));
  }

  public Optional<UsersRecord> findByEmail(String email) {
    return db.selectFrom(USERS)
        .where(USERS.EMAIL.eq(email.toLowerCase(Locale.ROOT)))
        .fetchOptional();
  }

  public void updatePassword(long id, String passwordHash) {
    db.update(USERS).set(USERS.PASSWORD_HASH, passwordHash).where(USERS.ID.eq(id)).execute();
  }

  /** Thrown when a username or email is already registered. */
  public static class DuplicateUserException extends RuntimeException {
    public DuplicateUserException(String username, String email) {
      super("a user named '" + username + "' or with email '" + email + "' already exists");
    }
  }
}
