package org.mevflow.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.mevflow.api.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Spring's CORS checks, with a refusal answered as every other refusal is: a 403 problem+json
 * saying what was not allowed (Spring writes "Invalid CORS request" as plain text).
 */
final class ProblemCorsProcessor extends DefaultCorsProcessor {
  /** The request being checked, for the refusal: Spring hands {@link #rejectRequest} none. */
  private static final ThreadLocal<String> REASON = new ThreadLocal<>();

  private static final ThreadLocal<HttpServletRequest> REQUEST = new ThreadLocal<>();

  private final Problems problems;

  ProblemCorsProcessor(Problems problems) {
    this.problems = problems;
  }

  @Override
  public boolean processRequest(
      CorsConfiguration config, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    REQUEST.set(request);
    REASON.set(
        config != null && origin != null && config.checkOrigin(origin) == null
            ? "cross-origin request refused: origin '"
                + origin
                + "' is not allowed (mevflow.api.cors-allowed-origins)"
            : "cross-origin request refused: its method or headers are not allowed (methods "
                + (config == null ? "none" : config.getAllowedMethods())
                + ", headers "
                + (config == null ? "none" : config.getAllowedHeaders())
                + ")");
    try {
      return super.processRequest(config, request, response);
    } finally {
      REQUEST.remove();
      REASON.remove();
    }
  }

  @Override
  protected void rejectRequest(ServerHttpResponse response) throws IOException {
    HttpServletResponse servlet = ((ServletServerHttpResponse) response).getServletResponse();
    // the Vary headers Spring set on its wrapper still go out with the refusal
    response
        .getHeaders()
        .forEach((name, values) -> values.forEach(v -> servlet.addHeader(name, v)));
    problems.write(REQUEST.get(), servlet, HttpStatus.FORBIDDEN, REASON.get());
  }
}
