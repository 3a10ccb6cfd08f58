package org.mevflow.core.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * An object's place: a bucket and a key. Both are checked here once, for every backend: a key is a
 * relative path of ordinary segments ({@code ..}, {@code .}, empty segments, backslashes and
 * control characters are refused), so no key can reach outside its bucket.
 */
public record ObjectRef(String bucket, String key) {
  private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final int MAX_KEY_BYTES = 1024;

  public ObjectRef {
    if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
      throw new IllegalArgumentException("invalid bucket name '" + bucket + "'");
    }
    if (key == null
        || key.isEmpty()
        || key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
      throw new IllegalArgumentException("an object key must have 1 to 1024 bytes");
    }
    if (key.indexOf('\\') >= 0 || key.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("invalid character in object key '" + key + "'");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new IllegalArgumentException("invalid object key '" + key + "'");
      }
    }
  }

  /** {@code scheme://bucket/key}, as stored in the database. */
  public URI toUri(String scheme) {
    StringBuilder path = new StringBuilder();
    for (String segment : key.split("/")) {
      path.append('/')
          .append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return URI.create(scheme + "://" + bucket + path);
  }

  /** Parses {@code scheme://bucket/key} back. */
  public static ObjectRef fromUri(URI uri) {
    String path = uri.getRawPath();
    if (uri.getHost() == null || path == null || path.length() < 2) {
      throw new IllegalArgumentException("not an object URI: " + uri);
    }
    String key = URLDecoder.decode(path.substring(1).replace("+", "%2B"), StandardCharsets.UTF_8);
    return new ObjectRef(uri.getHost(), key);
  }

  @Override
  public String toString() {
    return bucket + "/" + key;
  }
}
