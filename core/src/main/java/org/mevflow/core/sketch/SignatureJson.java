package org.mevflow.core.sketch;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.mevflow.core.text.Errors;
import org.mevflow.core.text.Gzip;

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
    List<Signature> out = new ArrayList<>();
    parse(
        raw,
        Limits.bytes(maxBytes),
        true,
        (name, filename, sketches) -> {
          List<MinHash> kept = new ArrayList<>();
          for (Parsed s : sketches) {
            kept.add(s.minHash());
          }
          out.add(new Signature(name, filename, kept));
        });
    return out;
  }

  /**
   * What reading a file may cost: decompressed bytes, decompressed bytes per compressed byte (a
   * gzip bomb is refused after a few of its megabytes), hashes over all sketches, and time.
   */
  public record Limits(long maxBytes, long maxRatio, long maxHashes, Duration maxTime) {
    static Limits bytes(long maxBytes) {
      return new Limits(maxBytes, Long.MAX_VALUE, Long.MAX_VALUE, null);
    }
  }

  /** A sketch as {@link #scan} sees it: everything but the hashes themselves. */
  public record SketchSummary(
      int num,
      int ksize,
      long seed,
      long maxHash,
      boolean trackAbundance,
      String molecule,
      long size,
      String md5sum) {
    public long scaled() {
      return MinHash.scaledOf(maxHash);
    }

    public boolean isEmpty() {
      return size == 0;
    }
  }

  /** A signature as {@link #scan} sees it. */
  public record SignatureSummary(String name, String filename, List<SketchSummary> sketches) {}

  /**
   * Checks a whole file as {@link #read} does (structure, ascending hashes, abundance counts,
   * md5sums) without keeping its hashes: memory stays constant whatever the file holds, and the
   * limits bound the work.
   */
  public static List<SignatureSummary> scan(InputStream raw, Limits limits) throws IOException {
    List<SignatureSummary> out = new ArrayList<>();
    parse(
        raw,
        limits,
        false,
        (name, filename, sketches) ->
            out.add(
                new SignatureSummary(
                    name, filename, sketches.stream().map(Parsed::summary).toList())));
    return out;
  }

  private interface SignatureSink {
    void accept(String name, String filename, List<Parsed> sketches) throws IOException;
  }

  private static void parse(InputStream raw, Limits limits, boolean keep, SignatureSink sink)
      throws IOException {
    Budget budget = new Budget(limits);
    try (JsonParser p =
        JSON.createParser(
            new Bounded(
                Gzip.bounded(
                    raw,
                    new Gzip.Budget(
                        limits.maxBytes(),
                        limits.maxRatio(),
                        "the signature",
                        "a signature's numbers do not compress that well")),
                budget))) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          expect(t, JsonToken.START_OBJECT, "a signature object");
          readSignature(p, keep, budget, sink);
        }
      } else if (t == JsonToken.START_OBJECT) {
        readSignature(p, keep, budget, sink);
      } else {
        throw new FormatException("not a signature file: expected a JSON array or object");
      }
      if (p.nextToken() != null) {
        throw new FormatException("unexpected content after the signatures");
      }
    } catch (JsonParseException e) {
      throw new FormatException("not valid JSON: " + e.getOriginalMessage());
    } catch (Gzip.TooLarge e) {
      throw new FormatException(e.getMessage());
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new FormatException("broken gzip data: " + Errors.describe(e));
    }
  }

  /** The time and hashes of one read, checked as bytes and hashes arrive. */
  private static final class Budget {
    private final Limits limits;
    private final long deadline;
    private long hashes;

    Budget(Limits limits) {
      this.limits = limits;
      this.deadline =
          limits.maxTime() == null
              ? Long.MAX_VALUE
              : System.nanoTime() + limits.maxTime().toNanos();
    }

    void bytes(long n) throws FormatException {
      if (System.nanoTime() > deadline) {
        throw new FormatException(
            "reading the signature took longer than " + limits.maxTime().toSeconds() + " s");
      }
    }

    void hash() throws FormatException {
      if (++hashes > limits.maxHashes()) {
        throw new FormatException(
            "the file holds more than " + limits.maxHashes() + " hashes in all");
      }
    }
  }

  /** Fails once the budget's time is spent. */
  private static final class Bounded extends java.io.FilterInputStream {
    private final Budget budget;

    Bounded(InputStream in, Budget budget) {
      super(in);
      this.budget = budget;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        budget.bytes(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        budget.bytes(n);
      }
      return n;
    }
  }

  private static void readSignature(JsonParser p, boolean keep, Budget budget, SignatureSink sink)
      throws IOException {
    String cls = null;
    String name = null;
    String filename = "";
    String hashFunction = null;
    List<Parsed> sketches = null;
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
            sketches.add(readSketch(p, keep, budget));
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
    sink.accept(name, filename, sketches);
  }

  /**
   * One sketch read: its fields, its hashes' count and md5sum, and (when kept) the hashes. Hashes
   * are kept when asked, and also when 'mins' comes before 'ksize' (the md5sum starts with k).
   */
  private record Parsed(
      int num,
      int ksize,
      long seed,
      long maxHash,
      String molecule,
      long size,
      String md5sum,
      long[] mins,
      long[] abundances,
      boolean trackAbundance) {
    MinHash minHash() {
      return new MinHash(
          num, ksize, seed, maxHash, trackAbundance, molecule, SortedHashes.of(mins, abundances));
    }

    SketchSummary summary() {
      return new SketchSummary(num, ksize, seed, maxHash, trackAbundance, molecule, size, md5sum);
    }
  }

  /**
   * The hashes of 'mins' as they stream by: ascending checked, counted, md5 summed, kept or not.
   */
  private static final class Mins {
    final java.security.MessageDigest md5;
    final byte[] digits = new byte[20];
    long[] kept;
    long count;
    long last;

    Mins(Integer ksize, boolean keep) {
      try {
        md5 = ksize == null ? null : java.security.MessageDigest.getInstance("MD5");
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException("MD5 is part of every JDK", e);
      }
      if (md5 != null) {
        md5.update(Integer.toString(ksize).getBytes(StandardCharsets.US_ASCII));
      }
      kept = keep || md5 == null ? new long[1024] : null;
    }

    void add(long hash, Integer ksize) throws FormatException {
      if (count > 0 && Long.compareUnsigned(last, hash) >= 0) {
        throw new FormatException(
            "k=" + ksize + ": 'mins' are not strictly ascending at position " + count);
      }
      if (md5 != null) {
        int n = UnsignedDecimal.write(hash, digits, 0);
        md5.update(digits, 0, n);
      }
      if (kept != null) {
        if (count == kept.length) {
          kept = Arrays.copyOf(kept, (int) Math.min(Integer.MAX_VALUE - 8, count * 2));
        }
        kept[(int) count] = hash;
      }
      last = hash;
      count++;
    }
  }

  private static Parsed readSketch(JsonParser p, boolean keep, Budget budget) throws IOException {
    Integer num = null;
    Integer ksize = null;
    long seed = SketchParams.DEFAULT_SEED;
    long maxHash = 0;
    Mins mins = null;
    long[] abundances = null;
    long abundanceCount = -1;
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
        case "mins" -> {
          expect(v, JsonToken.START_ARRAY, "'mins' as an array");
          mins = new Mins(ksize, keep);
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            budget.hash();
            mins.add(unsigned(p, t, field), ksize);
          }
        }
        case "abundances" -> {
          expect(v, JsonToken.START_ARRAY, "'abundances' as an array");
          long[] kept = keep ? new long[1024] : null;
          long n = 0;
          JsonToken t;
          while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            budget.hash();
            long a = unsigned(p, t, field);
            if (kept != null) {
              if (n == kept.length) {
                kept = Arrays.copyOf(kept, (int) Math.min(Integer.MAX_VALUE - 8, n * 2));
              }
              kept[(int) n] = a;
            }
            n++;
          }
          abundanceCount = n;
          abundances = kept == null ? null : Arrays.copyOf(kept, (int) n);
        }
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
    if (abundanceCount >= 0 && abundanceCount != mins.count) {
      throw new FormatException(
          "k=" + ksize + ": " + abundanceCount + " abundances for " + mins.count + " hashes");
    }
    long[] hashes = mins.kept == null ? null : Arrays.copyOf(mins.kept, (int) mins.count);
    String computed;
    if (mins.md5 != null) {
      computed = HexFormat.of().formatHex(mins.md5.digest());
    } else {
      // 'mins' came before 'ksize': the md5sum from the kept hashes
      computed =
          new MinHash(0, ksize, seed, maxHash, false, molecule, SortedHashes.of(hashes, null))
              .md5sum();
    }
    if (md5 != null && !md5.equals(computed)) {
      throw new FormatException(
          "k=" + ksize + ": md5sum " + md5 + " does not match the hashes (" + computed + ")");
    }
    return new Parsed(
        num == null ? 0 : num,
        ksize,
        seed,
        maxHash,
        molecule,
        mins.count,
        computed,
        keep ? hashes : null,
        keep ? abundances : null,
        abundanceCount >= 0);
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
