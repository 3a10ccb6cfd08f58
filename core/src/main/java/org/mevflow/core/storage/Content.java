package org.mevflow.core.storage;

/**
 * How an object's bytes are to be read: its media type, and its encoding (e.g. wort's signatures:
 * gzip bytes served as {@code application/json} with {@code Content-Encoding: gzip}).
 */
public record Content(String type, String encoding) {
  public static final Content OCTET_STREAM = new Content("application/octet-stream", null);
  public static final Content GZIPPED_JSON = new Content("application/json", "gzip");

  public Content {
    if (type == null || type.isBlank()) {
      throw new IllegalArgumentException("a content type is required");
    }
  }
}
