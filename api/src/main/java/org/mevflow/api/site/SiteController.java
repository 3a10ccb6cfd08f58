package org.mevflow.api.site;

import static org.mevflow.db.jooq.Tables.FEEDBACK;
import static org.mevflow.db.jooq.Tables.SITE_MESSAGES;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.security.MevflowUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Small routes WebMEV's front end calls on every page, and the integrations mevflow does not offer
 * (public datasets, Dropbox, Globus): those answer plainly, never with a 500.
 */
@RestController
@Tag(name = "WebMEV site")
public class SiteController {
  private final DSLContext db;

  public SiteController(DSLContext db) {
    this.db = db;
  }

  @GetMapping("/api/latest-message/")
  @Operation(summary = "The newest site message ({message}, empty when there is none)")
  public Map<String, String> latestMessage() {
    String message =
        db.select(SITE_MESSAGES.MESSAGE)
            .from(SITE_MESSAGES)
            .orderBy(SITE_MESSAGES.CREATED_AT.desc())
            .limit(1)
            .fetchOptional(SITE_MESSAGES.MESSAGE)
            .orElse("");
    return Map.of("message", message);
  }

  /** {@code {"message": ...}} */
  public record Feedback(String message) {}

  @io.swagger.v3.oas.annotations.responses.ApiResponse(
      responseCode = "201",
      description = "received")
  @PostMapping("/api/feedback/")
  @Operation(summary = "Leave feedback")
  public ResponseEntity<Map<String, String>> feedback(
      @RequestBody Feedback body, @AuthenticationPrincipal MevflowUser user) {
    if (body.message() == null || body.message().isBlank() || body.message().length() > 10_000) {
      throw ApiException.badRequest("'message' must hold 1 to 10000 characters");
    }
    db.insertInto(FEEDBACK)
        .set(FEEDBACK.USER_ID, user.id())
        .set(FEEDBACK.MESSAGE, body.message())
        .execute();
    return ResponseEntity.status(HttpStatus.CREATED).body(Map.of("message", body.message()));
  }

  @GetMapping("/api/public-datasets/")
  @Operation(summary = "Public datasets: none are offered")
  public List<Object> publicDatasets() {
    return List.of();
  }

  @PostMapping({
    "/api/resources/dropbox-upload/",
    "/api/globus/transfer/upload/",
    "/api/globus/transfer/download/"
  })
  @Operation(summary = "Dropbox and Globus transfers: not offered (501)")
  public void notOffered() {
    throw new ApiException(
        HttpStatus.NOT_IMPLEMENTED, "this mevflow does not offer Dropbox or Globus transfers");
  }

  @GetMapping("/api/globus/transfer/")
  @Operation(summary = "Globus transfers in progress: none (the Files tab asks on every load)")
  public List<Object> globusTransfers() {
    return List.of();
  }

  @GetMapping("/api/globus/initiate/")
  @Operation(summary = "Globus: not offered (501)")
  public void globus() {
    notOffered();
  }
}
