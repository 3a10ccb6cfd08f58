package org.mevflow.api.resources;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.mevflow.api.problem.ApiException;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ResourceStatus;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A resource's rows (tables), and its bytes: direct download or a signed URL. */
@RestController
@Tag(name = "WebMEV resources")
public class ContentsController {
  /** WebMEV refuses direct downloads above this size: use the signed URL. */
  static final long DIRECT_DOWNLOAD_LIMIT = 512L << 20;

  static final int PREVIEW_ROWS = 10;

  private final ResourcesController resources;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  private final ObjectStorage storage;

  public ContentsController(ResourcesController resources, ObjectStorage storage) {
    this.resources = resources;
    this.storage = storage;
  }

  /** A row as the front end reads it. */
  public record Row(String rowname, Map<String, Object> values) {}

  /** A page of rows, as Django REST framework pages them for WebMEV. */
  public record Page(long count, String next, String previous, List<Row> results) {}

  @GetMapping({"/api/resources/{id}/contents/preview", "/api/resources/{id}/contents/preview/"})
  @Operation(summary = "The first rows of a table resource")
  public Object preview(@PathVariable String id, @AuthenticationPrincipal MevflowUser user)
      throws IOException {
    ResourcesRecord json = jsonDocument(id, user);
    if (json != null) {
      return document(json);
    }
    List<Row> rows = new ArrayList<>();
    scan(table(id, user), r -> true, 0, PREVIEW_ROWS, rows);
    return rows;
  }

  /** The largest JSON resource served whole as its contents. */
  static final long JSON_LIMIT = 16L << 20;

  /** The resource if it is a validated JSON document, else null. */
  private ResourcesRecord jsonDocument(String id, MevflowUser user) {
    ResourcesRecord r = resources.owned(id, user);
    return r.getStatus() == ResourceStatus.VALID && "JSON".equals(r.getResourceType()) ? r : null;
  }

  /** A JSON resource's contents: the document itself, as WebMEV serves it. */
  private JsonNode document(ResourcesRecord r) throws IOException {
    if (r.getSizeBytes() != null && r.getSizeBytes() > JSON_LIMIT) {
      throw ApiException.badRequest(
          "this JSON document is larger than " + (JSON_LIMIT >> 20) + " MB; download it instead");
    }
    try (var in = storage.get(ObjectRef.fromUri(java.net.URI.create(r.getStorageUri())))) {
      return JSON.readTree(in);
    }
  }

  @GetMapping("/api/resources/{id}/contents/")
  @Operation(
      summary = "A table's rows: all, a page (page, page_size), or by row name (__rowname__)")
  public Object contents(
      @PathVariable String id,
      @RequestParam(required = false) Integer page,
      @RequestParam(name = "page_size", required = false) Integer pageSize,
      @RequestParam(name = "__rowname__", required = false) String rowname,
      @AuthenticationPrincipal MevflowUser user)
      throws IOException {
    ResourcesRecord json = jsonDocument(id, user);
    if (json != null) {
      return document(json);
    }
    ResourcesRecord r = table(id, user);
    Predicate<String> filter = rowFilter(rowname);
    if (page == null && pageSize == null) {
      List<Row> rows = new ArrayList<>();
      scan(r, filter, 0, Integer.MAX_VALUE, rows);
      return rows;
    }
    int size = pageSize == null ? 50 : pageSize;
    int number = page == null ? 1 : page;
    if (size < 1 || size > 10_000 || number < 1) {
      throw ApiException.badRequest("page must be >= 1 and page_size between 1 and 10000");
    }
    List<Row> rows = new ArrayList<>();
    long count = scan(r, filter, (long) (number - 1) * size, size, rows);
    String base = "/api/resources/" + id + "/contents/?page_size=" + size + "&page=";
    return new Page(
        count,
        (long) number * size < count ? ResourceViews.url(base + (number + 1)) : null,
        number > 1 ? ResourceViews.url(base + (number - 1)) : null,
        rows);
  }

  /** {@code [eq]:NAME} or {@code [case-ins-eq]:NAME}, as the front end's plots ask. */
  private static Predicate<String> rowFilter(String spec) {
    if (spec == null) {
      return r -> true;
    }
    if (spec.startsWith("[eq]:")) {
      String name = spec.substring(5);
      return name::equals;
    }
    if (spec.startsWith("[case-ins-eq]:")) {
      String name = spec.substring(14);
      return name::equalsIgnoreCase;
    }
    throw ApiException.badRequest("__rowname__ must be [eq]:NAME or [case-ins-eq]:NAME");
  }

  private ResourcesRecord table(String id, MevflowUser user) {
    ResourcesRecord r = resources.owned(id, user);
    boolean table =
        r.getStatus() == ResourceStatus.VALID
            && r.getResourceType() != null
            && ResourceType.fromKey(r.getResourceType()).map(ResourceType::isTable).orElse(false);
    if (!table) {
      throw ApiException.badRequest(
          "only validated tables and JSON documents have contents to show");
    }
    return r;
  }

  /**
   * Reads the standard TSV; keeps rows [skip, skip+limit) of those passing the filter; counts all.
   */
  private long scan(
      ResourcesRecord r, Predicate<String> filter, long skip, int limit, List<Row> out)
      throws IOException {
    boolean numeric = !List.of("ANN", "FT").contains(r.getResourceType());
    long count = 0;
    try (InputStream raw = storage.get(ObjectRef.fromUri(URI.create(r.getStorageUri())));
        BufferedReader in =
            new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
      String[] header = in.readLine().split("\t", -1);
      String line;
      while ((line = in.readLine()) != null) {
        String[] cells = line.split("\t", -1);
        if (!filter.test(cells[0])) {
          continue;
        }
        if (count >= skip && out.size() < limit) {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int c = 1; c < cells.length && c < header.length; c++) {
            values.put(header[c], value(cells[c], numeric));
          }
          out.add(new Row(cells[0], values));
        }
        count++;
      }
    }
    return count;
  }

  private static Object value(String cell, boolean numeric) {
    if (cell.isEmpty() || cell.equalsIgnoreCase("NA")) {
      return null;
    }
    if (!numeric) {
      return cell;
    }
    try {
      double d = Double.parseDouble(cell);
      return d == Math.rint(d)
              && Math.abs(d) < 1e15
              && !cell.contains(".")
              && !cell.toLowerCase(Locale.ROOT).contains("e")
          ? (Object) (long) d
          : (Object) d;
    } catch (NumberFormatException e) {
      return cell;
    }
  }

  @GetMapping("/api/resources/download/{id}/")
  @Operation(summary = "The resource's bytes, streamed (up to 512 MB; larger: the signed URL)")
  public ResponseEntity<InputStreamResource> download(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) throws IOException {
    ResourcesRecord r = resources.owned(id, user);
    ObjectRef ref = ObjectRef.fromUri(URI.create(r.getStorageUri()));
    long size =
        storage.head(ref).orElseThrow(() -> ApiException.notFound("the file is gone")).size();
    if (size > DIRECT_DOWNLOAD_LIMIT) {
      throw ApiException.badRequest(
          "the file is too large to download directly; use its signed URL");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .contentLength(size)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(r.getName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .body(new InputStreamResource(storage.get(ref)));
  }

  @GetMapping("/api/resources/signed-url/{id}/")
  @Operation(
      summary = "{url, download_type}: a signed storage URL, or 'local' for the download route")
  public Map<String, String> signedUrl(
      @PathVariable String id, @AuthenticationPrincipal MevflowUser user) {
    ResourcesRecord r = resources.owned(id, user);
    ObjectRef ref = ObjectRef.fromUri(URI.create(r.getStorageUri()));
    return storage
        .presignedGetUrl(ref, Duration.ofHours(1))
        .map(u -> Map.of("url", u.toString(), "download_type", storage.scheme()))
        .orElseGet(
            () ->
                Map.of(
                    "url",
                    ResourceViews.url("/api/resources/download/" + id + "/"),
                    "download_type",
                    "local"));
  }
}
