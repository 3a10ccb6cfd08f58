package org.mevflow.api.problem;

import java.util.Map;
import org.springframework.http.HttpStatus;

/** A request that cannot be served, with the status and the fact the caller needs. */
public class ApiException extends RuntimeException {
  private final HttpStatus status;
  private final Map<String, ?> members;

  public ApiException(HttpStatus status, String detail) {
    this(status, detail, Map.of());
  }

  public ApiException(HttpStatus status, String detail, Map<String, ?> members) {
    super(detail);
    this.status = status;
    this.members = Map.copyOf(members);
  }

  public HttpStatus status() {
    return status;
  }

  /** Extra members of the problem body: per-field reasons, as WebMEV's serializers give them. */
  public Map<String, ?> members() {
    return members;
  }

  /** A 400 naming each field that is wrong and why ({@code {"field": ["reason"]}}). */
  public static ApiException invalid(String detail, Map<String, ?> fields) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail, fields);
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(HttpStatus.BAD_REQUEST, detail);
  }

  public static ApiException notFound(String detail) {
    return new ApiException(HttpStatus.NOT_FOUND, detail);
  }

  public static ApiException unauthorized(String detail) {
    return new ApiException(HttpStatus.UNAUTHORIZED, detail);
  }

  /** 429 with {@code Retry-After}: the caller may try again in that many seconds. */
  public static ApiException tooManyRequests(String detail, long retryAfterSeconds) {
    return new ApiException(HttpStatus.TOO_MANY_REQUESTS, detail) {
      @Override
      public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
      }
    };
  }

  /** Response headers that go with the refusal. */
  public Map<String, String> headers() {
    return Map.of();
  }
}
