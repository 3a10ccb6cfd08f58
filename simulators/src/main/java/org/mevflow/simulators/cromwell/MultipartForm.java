package org.mevflow.simulators.cromwell;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A multipart/form-data body split into its parts (RFC 7578), strictly: bad framing is refused. */
final class MultipartForm {
  private static final Pattern BOUNDARY =
      Pattern.compile("boundary=(?:\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  /** The body could not be read as multipart/form-data. */
  static final class Malformed extends Exception {
    Malformed(String message) {
      super(message);
    }
  }

  private MultipartForm() {}

  static List<CromwellApiSpec.Part> parse(String contentType, byte[] body) throws Malformed {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new Malformed(
          "the request is not multipart/form-data (Content-Type " + contentType + ")");
    }
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      throw new Malformed("the Content-Type has no boundary");
    }
    byte[] delimiter =
        ("--" + (m.group(1) != null ? m.group(1) : m.group(2))).getBytes(StandardCharsets.US_ASCII);
    int pos = indexOf(body, delimiter, 0);
    if (pos < 0) {
      throw new Malformed("the body does not contain its boundary");
    }
    List<CromwellApiSpec.Part> parts = new ArrayList<>();
    while (true) {
      pos += delimiter.length;
      if (startsWith(body, pos, "--")) {
        return parts;
      }
      if (!startsWith(body, pos, "\r\n")) {
        throw new Malformed("a boundary is not followed by CRLF");
      }
      int headersStart = pos + 2;
      int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), headersStart);
      if (headersEnd < 0) {
        throw new Malformed("a part has no end of headers");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int dataStart = headersEnd + 4;
      byte[] next = new byte[delimiter.length + 2];
      next[0] = '\r';
      next[1] = '\n';
      System.arraycopy(delimiter, 0, next, 2, delimiter.length);
      int dataEnd = indexOf(body, next, dataStart);
      if (dataEnd < 0) {
        throw new Malformed("the body ends inside a part");
      }
      String disposition =
          headers
              .lines()
              .filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-disposition:"))
              .findFirst()
              .orElseThrow(() -> new Malformed("a part has no Content-Disposition"));
      Matcher name = NAME.matcher(disposition);
      if (!name.find()) {
        throw new Malformed("a part has no name");
      }
      byte[] data = new byte[dataEnd - dataStart];
      System.arraycopy(body, dataStart, data, 0, data.length);
      parts.add(
          new CromwellApiSpec.Part(name.group(1), FILENAME.matcher(disposition).find(), data));
      pos = dataEnd + 2;
    }
  }

  private static boolean startsWith(byte[] body, int at, String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    if (at + b.length > body.length) {
      return false;
    }
    for (int i = 0; i < b.length; i++) {
      if (body[at + i] != b[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] needle, int from) {
    outer:
    for (int i = from; i <= body.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (body[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
