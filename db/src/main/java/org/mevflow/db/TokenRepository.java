package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.API_TOKENS;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.mevflow.db.jooq.tables.records.ApiTokensRecord;

/** Stored wort-style bearer tokens: only a selector and the token's hash, never the token. */
public class TokenRepository {
  private final DSLContext db;

  public TokenRepository(DSLContext db) {
    this.db = db;
  }

  public ApiTokensRecord insert(
      long userId, String selector, String tokenHash, OffsetDateTime expiresAt) {
    return db.insertInto(API_TOKENS)
        .set(API_TOKENS.USER_ID, userId)
        .set(API_TOKENS.SELECTOR, selector)
        .set(API_TOKENS.TOKEN_HASH, tokenHash)
        .set(API_TOKENS.EXPIRES_AT, expiresAt)
        .returning()
        .fetchOne();
  }

  /** The user's newest token that is neither revoked nor expiring before {@code validUntil}. */
  public Optional<ApiTokensRecord> findReusable(long userId, OffsetDateTime validUntil) {
    return db.selectFrom(API_TOKENS)
        .where(API_TOKENS.USER_ID.eq(userId))
        .and(API_TOKENS.REVOKED_AT.isNull())
        .and(API_TOKENS.EXPIRES_AT.gt(validUntil))
        .orderBy(API_TOKENS.EXPIRES_AT.desc())
        .limit(1)
        .fetchOptional();
  }

  public Optional<ApiTokensRecord> findByHash(String tokenHash) {
    return db.selectFrom(API_TOKENS).where(API_TOKENS.TOKEN_HASH.eq(tokenHash)).fetchOptional();
  }

  public void touch(long tokenId, OffsetDateTime at) {
    db.update(API_TOKENS)
        .set(API_TOKENS.LAST_USED_AT, at)
        .where(API_TOKENS.ID.eq(tokenId))
        .execute();
  }

  /** Revokes the token; true if it was live until now. */
  public boolean revoke(long tokenId, OffsetDateTime at) {
    return db.update(API_TOKENS)
            .set(API_TOKENS.REVOKED_AT, at)
            .where(API_TOKENS.ID.eq(tokenId))
            .and(API_TOKENS.REVOKED_AT.isNull())
            .execute()
        == 1;
  }

  /** Revokes every live token of the user; how many were live. */
  public int revokeAll(long userId, OffsetDateTime at) {
    return db.update(API_TOKENS)
        .set(API_TOKENS.REVOKED_AT, at)
        .where(API_TOKENS.USER_ID.eq(userId))
        .and(API_TOKENS.REVOKED_AT.isNull())
        .execute();
  }
}
