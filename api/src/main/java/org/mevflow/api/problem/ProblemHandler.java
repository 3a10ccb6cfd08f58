package org.mevflow.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one place errors become responses: every 4xx and 5xx leaves as {@code
 * application/problem+json}, and no stack trace ever reaches a caller.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
    ProblemDetail problem = Problems.of(e.status(), e.getMessage(), request);
    e.members().forEach(problem::setProperty);
    return ResponseEntity.status(e.status()).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
      org.springframework.web.multipart.MaxUploadSizeExceededException e,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    HttpStatus tooLarge = HttpStatus.PAYLOAD_TOO_LARGE;
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(tooLarge, "the upload is larger than this server accepts");
    return ResponseEntity.status(tooLarge).body(problem);
  }

  /**
   * The problems Spring MVC itself raises (no route, wrong method, unreadable body...) get the same
   * members as ours: WebMEV's {@code error} under /api/, wort's {@code status} under /v1/.
   */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode statusCode,
      org.springframework.web.context.request.WebRequest request) {
    if (body instanceof ProblemDetail problem
        && !(body instanceof WortProblem)
        && request instanceof org.springframework.web.context.request.ServletWebRequest web) {
      ProblemDetail ours =
          Problems.of(
              HttpStatus.valueOf(statusCode.value()),
              problem.getDetail() == null ? problem.getTitle() : problem.getDetail(),
              web.getRequest());
      if (problem.getProperties() != null) {
        problem.getProperties().forEach(ours::setProperty);
      }
      body = ours;
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
    if (temporalUnreachable(e)) {
      // Temporal is down or restarting: nothing was started; the caller may simply try again
      log.warn("{} {}: Temporal is not reachable", request.getMethod(), request.getRequestURI());
      HttpStatus status = HttpStatus.SERVICE_UNAVAILABLE;
      return ResponseEntity.status(status)
          .header("Retry-After", "10")
          .body(
              Problems.of(
                  status, "the workflow service is not reachable; try again shortly", request));
    }
    log.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
    HttpStatus status = HttpStatus.INTERNAL_SERVER_ERROR;
    return ResponseEntity.status(status)
        .body(Problems.of(status, "internal error; it has been logged", request));
  }

  /** A gRPC call to Temporal that found no server (UNAVAILABLE) or none that answered in time. */
  static boolean temporalUnreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof io.grpc.StatusRuntimeException grpc) {
        var code = grpc.getStatus().getCode();
        return code == io.grpc.Status.Code.UNAVAILABLE
            || code == io.grpc.Status.Code.DEADLINE_EXCEEDED;
      }
    }
    return false;
  }
}
