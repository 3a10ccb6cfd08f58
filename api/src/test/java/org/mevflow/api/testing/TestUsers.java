package org.mevflow.api.testing;

import java.util.UUID;
import org.mevflow.api.security.WortTokens;
import org.mevflow.db.UserRepository;

/** Fresh users for API tests that share a database, and the Authorization header they send. */
public final class TestUsers {
  private TestUsers() {}

  /** A new user (an admin or not) with a unique name, as a bearer wort token. */
  public static String bearerFor(UserRepository users, WortTokens tokens, boolean admin) {
    String name = (admin ? "a" : "u") + UUID.randomUUID().toString().substring(0, 8);
    return Http.bearer(tokens.issue(users.create(name, name + "@example.org", "x", admin).getId()));
  }
}
