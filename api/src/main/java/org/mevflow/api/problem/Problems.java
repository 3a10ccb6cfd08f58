package org.mevflow.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Builds every {@code application/problem+json} body, and writes it where Spring MVC's handler
 * cannot (in security filters, before a controller is chosen). Under {@code /api/} the body also
 * carries WebMEV's {@code error} member (the same text as {@code detail}), which the front end
 * shows; under wort's {@code /v1/} it is a {@link WortProblem}, whose {@code status} is the reason
 * as text, as wort's clients read it.
 */
@Component
public class Problems {
  private final ObjectMapper json;

  public Problems(ObjectMapper json) {
    this.json = json;
  }

  public static ProblemDetail of(HttpStatus status, String detail, HttpServletRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    try {
      problem.setInstance(URI.create(request.getRequestURI()));
    } catch (IllegalArgumentException notAUri) {
      // a path the firewall refused may not be a valid URI: no instance then
    }
    if (request.getRequestURI().startsWith("/api/")) {
      // WebMEV's front end shows a failed request's "error" member (error.error.error)
      problem.setProperty("error", detail);
    }
    if (request.getRequestURI().startsWith("/v1/")) {
      // wort's clients read {"status": String} from every answer
      return new WortProblem(problem);
    }
    return problem;
  }

  public void write(
      HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), of(status, detail, request));
  }
}
