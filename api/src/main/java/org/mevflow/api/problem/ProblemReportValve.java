package org.mevflow.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.RequestDispatcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.apache.tomcat.util.http.fileupload.impl.SizeException;

/**
 * Tomcat's own refusals (a request it cannot parse: an encoded slash, a bad escape, a NUL, headers
 * over the limit, a method it does not serve) as {@code application/problem+json} instead of
 * Tomcat's HTML page: they happen before Spring sees the request. Headers over the limit answer 431
 * (RFC 6585). No stack trace and no server version, only the reason.
 */
public class ProblemReportValve extends ErrorReportValve {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DETAIL = 300;

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    Throwable cause =
        throwable != null
            ? throwable
            : (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    String reason = cause == null ? null : cause.getMessage();
    if (status == 400 && reason != null && reason.toLowerCase().contains("header is too large")) {
      status = 431;
      response.setStatus(431);
    }
    if (cause instanceof SizeException) {
      status = 413;
      response.setStatus(413);
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title(status));
    body.put("status", status);
    body.put("detail", reason == null ? defaultDetail(status) : clean(reason));
    try {
      response.setContentType("application/problem+json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the client is gone or the response is closed: nothing more to say
    }
  }

  private static String title(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 413 -> "Content Too Large";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 501 -> "Not Implemented";
      case 505 -> "HTTP Version Not Supported";
      default -> status >= 500 ? "Server Error" : "Client Error";
    };
  }

  private static String defaultDetail(int status) {
    return switch (status) {
      case 400 ->
          "the request could not be read: its path or headers are malformed (an encoded '/',"
              + " '\\' or NUL, a bad %-escape, or characters HTTP does not allow)";
      case 431 -> "the request's headers are larger than the server accepts";
      default -> title(status).toLowerCase();
    };
  }

  /** The reason without control characters (it may echo the request), and short. */
  static String clean(String reason) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < reason.length() && out.length() < MAX_DETAIL; i++) {
      char c = reason.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return out.toString();
  }
}
