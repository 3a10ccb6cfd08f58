package org.mevflow.api.security;

import java.util.List;
import org.mevflow.db.jooq.tables.records.UsersRecord;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authenticated caller, whichever way they proved it. {@code tokenId} is the stored wort token
 * the request carried, if that is how it authenticated.
 */
public record MevflowUser(
    long id, String username, String email, boolean admin, Credential credential, Long tokenId) {

  /** How the caller authenticated. */
  public enum Credential {
    PASSWORD,
    WORT_TOKEN,
    JWT
  }

  static MevflowUser of(UsersRecord user, Credential credential, Long tokenId) {
    return new MevflowUser(
        user.getId(), user.getUsername(), user.getEmail(), user.getIsAdmin(), credential, tokenId);
  }

  List<GrantedAuthority> authorities() {
    return admin
        ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_ADMIN"))
        : List.of(new SimpleGrantedAuthority("ROLE_USER"));
  }
}
