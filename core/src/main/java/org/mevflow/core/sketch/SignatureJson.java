package org.mevflow.core.sketch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The signature file format of {@code sourmash sketch}: a compact JSON array of signatures, keys in
 * sourmash's order, hashes as unsigned decimals. The writer streams (a sketch is never turned into
 * one big string); the reader accepts plain or gzip, an array or a single signature, keys in any
 * order, and "DNA" or the older "dna". Long for a class because reader and writer of one format
 * stay together: each key the writer emits is read back by the code beside it.
 */
public final class SignatureJson {
  private static final JsonFactory JSON = new JsonFactory();

  private SignatureJson() {}

  /** How {@code molecule} is spelled: "DNA" (sourmash >= 4.8.10) or the older "dna". */
  public enum MoleculeName {
    CURRENT,
    LEGACY
  }

  // ---- writing

  public static void write(List<Signature> signatures, OutputStream out) throws IOException {
    write(signatures, out, MoleculeName.CURRENT);
  }

  public static void write(List<Signature> signatures, OutputStream out, MoleculeName molecule)
      throws IOException {
    Writer w = new Writer(out);
    w.raw("[");
    for (int i = 0; i < signatures.size(); i++) {
      if (i > 0) {
        w.raw(",");
      }
      writeSignature(signatures.get(i), w, molecule);
    }
    w.raw("]");
    w.flush();
  }

  private static void writeSignature(Signature sig, Writer w, MoleculeName molecule)
      throws IOException {
    w.raw("{\"class\":");
    w.string(Signature.CLASS);
    w.raw(",\"email\":");
    w.string(Signature.EMAIL);
    w.raw(",\"hash_function\":");
    w.string(Signature.HASH_FUNCTION);
    w.raw(",\"filename\":");
    w.string(sig.filename());
    if (sig.name() != null) {
      w.raw(",\"name\":");
      w.string(sig.name());
    }
    w.raw(",\"license\":");
    w.string(Signature.LICENSE);
    w.raw(",\"signatures\":[");
    for (int i = 0; i < sig.sketches().size(); i++) {
      if (i > 0) {
        w.raw(",");
      }
      writeSketch(sig.sketches().get(i), w, molecule);
    }
    w.raw("],\"version\":0.4}");
  }

  private static void writeSketch(MinHash mh, Writer w, MoleculeName molecule) throws IOException {
    w.raw("{\"num\":");
    w.number(mh.num());
    w.raw(",\"ksize\":");
    w.number(mh.ksize());
    w.raw(",\"seed\":");
    w.number(mh.seed());
    w.raw(",\"max_hash\":");
    w.number(mh.maxHash());
    w.raw(",\"mins\":[");
    SortedHashes.Cursor c = mh.hashes().cursor();
    for (boolean first = true; c.next(); first = false) {
      if (!first) {
        w.raw(",");
      }
      w.number(c.hash());
    }
    w.raw("],\"md5sum\":");
    w.string(mh.md5sum());
    if (mh.trackAbundance()) {
      w.raw(",\"abundances\":[");
      c = mh.hashes().cursor();
      for (boolean first = true; c.next(); first = false) {
        if (!first) {
          w.raw(",");
        }
        w.number(c.count());
      }
      w.raw("]");
    }
    w.raw(",\"molecule\":");
    String name = mh.molecule();
    if (MinHash.DNA.equalsIgnoreCase(name)) {
      name = molecule == MoleculeName.LEGACY ? "dna" : MinHash.DNA;
    }
    w.string(name);
    w.raw("}");
  }

  /** Buffered ASCII/UTF-8 output with JSON strings escaped as serde_json escapes them. */
  private static final class Writer {
    private final OutputStream out;
    private final byte[] buf = new byte[1 << 16];
    private int n;

    Writer(OutputStream out) {
      this.out = out;
    }

    void raw(String ascii) throws IOException {
      for (int i = 0; i < ascii.length(); i++) {
        put((byte) ascii.charAt(i));
      }
    }

    void number(long unsigned) throws IOException {
      if (n + 20 > buf.length) {
        drain();
      }
      n += UnsignedDecimal.write(unsigned, buf, n);
    }

    void string(String s) throws IOException {
      put((byte) '"');
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        int c = b & 0xff;
        switch (c) {
          case '"' -> raw("\\\"");
          case '\\' -> raw("\\\\");
          case '\n' -> raw("\\n");
          case '\r' -> raw("\\r");
          case '\t' -> raw("\\t");
          case '\b' -> raw("\\b");
          case '\f' -> raw("\\f");
          default -> {
            if (c < 0x20) {
              raw(String.format("\\u%04x", c));
            } else {
              put(b);
            }
          }
        }
      }
      put((byte) '"');
    }

    private void put(byte b) throws IOException {
      if (n == buf.length) {
        drain();
      }
      buf[n++] = b;
    }

    private void drain() throws IOException {
      out.write(buf, 0, n);
      n = 0;
    }

    void flush() throws IOException {
      drain();
      out.flush();
    }
  }

  // ---- reading

  /** Thrown for a file that is not a sourmash signature; the message says what is wrong. */
  public static class FormatException extends IOException {
    public FormatException(String message) {
      super(message);
    }
  }

  /** Reads every signature of a .sig or .sig.gz stream. */
  public static List<Signature> read(InputStream raw) throws IOException {
    return read(raw, Long.MAX_VALUE);
  }

  /**
   * Reads every signature, refusing a file whose (decompressed) JSON exceeds {@code maxBytes}: a
   * small gzip file can expand without bound, and a submission must not exhaust memory.
   */
  public static List<Signature> read(InputStream raw, long maxBytes) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(2);
    int b0 = in.read();
    int b1 = in.read();
    in.reset();
    InputStream source =
        new Bounded(b0 == 0x1f && b1 == 0x8b ? new GZIPInputStream(in, 1 << 16) : in, maxBytes);
    try (JsonParser p = JSON.createParser(source)) {
      JsonToken t = p.nextToken();
      List<Signature> out = new ArrayList<>();
      if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(t, JsonToken.START_OBJECT, "a signature object");
          out.add(readSignature(p));
        }
      } else if (t == JsonToken.START_OBJECT) {
        out.add(readSignature(p));
      } else {
        throw new FormatException("not a signature file: expected a JSON array or object");
      }
      if (p.nextToken() != null) {
        throw new FormatException("unexpected content after the signatures");
      }
      return out;
    } catch (JsonParseException e) {
      throw new FormatException("not valid JSON: " + e.getOriginalMessage());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new FormatException("broken gzip data: " + e.getMessage());
    }
  }

  /** Fails once more than {@code limit} bytes have been read. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final long limit;
    private long count;

    Bounded(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(long n) throws FormatException {
      count += n;
      if (count > limit) {
        throw new FormatException(
            "the signature is larger than " + limit + " bytes once decompressed");
      }
    }
  }

  private static Signature readSignature(JsonParser p) throws IOException {
    String cls = null;
    String name = null;
    String filename = "";
    String hashFunction = null;
    List<MinHash> sketches = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "class" -> cls = p.getValueAsString();
        case "name" -> name = v == JsonToken.VALUE_NULL ? null : p.getValueAsString();
        case "filename" -> filename = v == JsonToken.VALUE_NULL ? "" : p.getValueAsString();
        case "hash_function" -> hashFunction = p.getValueAsString();
        case "signatures" -> {
          expect(v, JsonToken.START_ARRAY, "'signatures' as an array");
          sketches = new ArrayList<>();
          while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
            expect(v, JsonToken.START_OBJECT, "a sketch object");
            sketches.add(readSketch(p));
          }
        }
        default -> p.skipChildren();
      }
    }
    if (!Signature.CLASS.equals(cls)) {
      throw new FormatException("not a sourmash signature: 'class' is " + quoted(cls));
    }
    if (hashFunction != null && !Signature.HASH_FUNCTION.equals(hashFunction)) {
      throw new FormatException("unsupported hash_function " + quoted(hashFunction));
    }
    if (sketches == null) {
      throw new FormatException("signature without 'signatures'");
    }
    return new Signature(name, filename, sketches);
  }

  private static MinHash readSketch(JsonParser p) throws IOException {
    Integer num = null;
    Integer ksize = null;
    long seed = SketchParams.DEFAULT_SEED;
    long maxHash = 0;
    long[] mins = null;
    long[] abundances = null;
    String molecule = null;
    String md5 = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      switch (field) {
        case "num" -> num = (int) unsigned(p, v, field);
        case "ksize" -> ksize = (int) unsigned(p, v, field);
        case "seed" -> seed = unsigned(p, v, field);
        case "max_hash" -> maxHash = unsigned(p, v, field);
        case "mins" -> mins = numbers(p, v, field);
        case "abundances" -> abundances = numbers(p, v, field);
        case "molecule" -> molecule = p.getValueAsString();
        case "md5sum" -> md5 = p.getValueAsString();
        default -> p.skipChildren();
      }
    }
    if (ksize == null || mins == null || molecule == null) {
      throw new FormatException("a sketch needs 'ksize', 'mins' and 'molecule'");
    }
    if (MinHash.DNA.equalsIgnoreCase(molecule)) {
      molecule = MinHash.DNA;
    }
    for (int i = 1; i < mins.length; i++) {
      if (Long.compareUnsigned(mins[i - 1], mins[i]) >= 0) {
        throw new FormatException(
            "k=" + ksize + ": 'mins' are not strictly ascending at position " + i);
      }
    }
    if (abundances != null && abundances.length != mins.length) {
      throw new FormatException(
          "k=" + ksize + ": " + abundances.length + " abundances for " + mins.length + " hashes");
    }
    MinHash mh =
        new MinHash(
            num == null ? 0 : num,
            ksize,
            seed,
            maxHash,
            abundances != null,
            molecule,
            SortedHashes.of(mins, abundances));
    if (md5 != null && !md5.equals(mh.md5sum())) {
      throw new FormatException(
          "k=" + ksize + ": md5sum " + md5 + " does not match the hashes (" + mh.md5sum() + ")");
    }
    return mh;
  }

  private static long unsigned(JsonParser p, JsonToken v, String field) throws IOException {
    if (v != JsonToken.VALUE_NUMBER_INT) {
      throw new FormatException("'" + field + "' must be a whole number");
    }
    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      var big = p.getBigIntegerValue();
      if (big.signum() < 0 || big.bitLength() > 64) {
        throw new FormatException("'" + field + "' is outside 0..2^64-1");
      }
      return big.longValue();
    }
    long value = p.getLongValue();
    if (value < 0) {
      throw new FormatException("'" + field + "' cannot be negative");
    }
    return value;
  }

  private static long[] numbers(JsonParser p, JsonToken v, String field) throws IOException {
    expect(v, JsonToken.START_ARRAY, "'" + field + "' as an array");
    long[] out = new long[1024];
    int n = 0;
    JsonToken t;
    while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
      if (n == out.length) {
        out = Arrays.copyOf(out, n * 2);
      }
      out[n++] = unsigned(p, t, field);
    }
    return Arrays.copyOf(out, n);
  }

  private static void expect(JsonToken actual, JsonToken expected, String what)
      throws FormatException {
    if (actual != expected) {
      throw new FormatException("expected " + what + ", found " + actual);
    }
  }

  private static String quoted(String s) {
    return s == null ? "missing" : "'" + s + "'";
  }
}
