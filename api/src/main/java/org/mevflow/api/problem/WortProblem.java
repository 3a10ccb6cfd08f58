package org.mevflow.api.problem;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.http.ProblemDetail;

/**
 * A problem body under wort's {@code /v1/}: wort's clients read every answer as {@code {"status":
 * String}} (its Rust CLI prints that member, and fails on anything else), so here {@code status} is
 * the reason as text, and the HTTP status number moves to {@code code}. The other problem+json
 * members ({@code type}, {@code title}, {@code detail}, {@code instance}) stay. RFC 9457 makes the
 * body's status advisory: the response's status line is the authority.
 */
public class WortProblem extends ProblemDetail {
  WortProblem(ProblemDetail from) {
    super(from);
    setProperty("status", from.getDetail());
    setProperty("code", from.getStatus());
  }

  @Override
  @JsonIgnore
  public int getStatus() {
    return super.getStatus();
  }
}
