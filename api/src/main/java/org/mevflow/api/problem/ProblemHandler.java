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
    ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
    e.headers().forEach(response::header);
    return response.body(problem);
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
   * A multipart body Tomcat could not read: 400 with what was wrong, never a 500 (one too large is
   * {@link #handleMaxUploadSizeExceededException}'s 413, the closer match).
   */
  @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
  ResponseEntity<ProblemDetail> multipart(
      org.springframework.web.multipart.MultipartException e, HttpServletRequest request) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : root.getMessage();
    String detail;
    if (root instanceof org.apache.tomcat.util.http.fileupload.InvalidFileNameException) {
      detail = "a file name holds a character file names cannot have (NUL)";
    } else if (message.contains("no multipart boundary")) {
      detail = "a multipart/form-data body needs its boundary in the Content-Type header";
    } else if (message.contains("Stream ended unexpectedly")) {
      detail = "the multipart body is broken: it ends before its closing boundary";
    } else {
      detail = "the multipart body could not be read: " + ProblemReportValve.clean(message);
    }
    HttpStatus bad = HttpStatus.BAD_REQUEST;
    return ResponseEntity.status(bad).body(Problems.of(bad, detail, request));
  }

  /** A body that is not the JSON expected: where, and what was wrong, not "Failed to read". */
  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      org.springframework.http.converter.HttpMessageNotReadableException e,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    String detail = "the request body could not be read";
    Throwable cause = e.getCause();
    if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException mismatch
        && !mismatch.getPath().isEmpty()) {
      String member =
          mismatch.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
              .collect(java.util.stream.Collectors.joining("."));
      detail =
          "'"
              + member
              + "' must be "
              + describe(mismatch.getTargetType())
              + (cause instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException bad
                  ? ", not " + ProblemReportValve.clean(String.valueOf(bad.getValue()))
                  : "");
    } else if (cause instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException root) {
      detail = "the body must be " + describe(root.getTargetType());
    } else if (cause instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException limit) {
      detail = "the JSON body is beyond this server's limits: " + limit.getOriginalMessage();
    } else if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
      var at = json.getLocation();
      detail =
          "the body is not valid JSON"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + ProblemReportValve.clean(json.getOriginalMessage());
    } else if (e.getMessage() != null && e.getMessage().startsWith("Required request body")) {
      detail = "the request needs a JSON body";
    }
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
    return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  /** A body that broke its route's constraints: each field and what it must be. */
  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      org.springframework.web.bind.MethodArgumentNotValidException e,
      org.springframework.http.HttpHeaders headers,
      org.springframework.http.HttpStatusCode status,
      org.springframework.web.context.request.WebRequest request) {
    String detail =
        e.getBindingResult().getFieldErrors().stream()
            .map(f -> "'" + f.getField() + "' " + f.getDefaultMessage())
            .collect(java.util.stream.Collectors.joining("; "));
    ProblemDetail problem =
        ProblemDetail.forStatusAndDetail(
            HttpStatus.BAD_REQUEST, detail.isEmpty() ? "the request body is not valid" : detail);
    return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
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
