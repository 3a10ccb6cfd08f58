package org.mevflow.core.sketch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * sourmash's parameter strings for DNA sketches, e.g. {@code k=21,k=31,k=51,scaled=1000,abund}: one
 * string makes one signature with a sketch per k. Defaults: {@code k=31,scaled=1000,noabund}, seed
 * 42.
 */
public final class ParamString {
  public static final String DEFAULT = "k=31,scaled=1000,noabund";

  private ParamString() {}

  /** The sketches one parameter string asks for, one per k, in the order the k were given. */
  public static List<SketchParams> parse(String text) {
    Set<Integer> ks = new LinkedHashSet<>();
    Long scaled = null;
    Integer num = null;
    boolean abund = false;
    long seed = SketchParams.DEFAULT_SEED;
    for (String raw : text.split(",")) {
      String item = raw.strip();
      if (item.isEmpty()) {
        continue;
      }
      int eq = item.indexOf('=');
      String key = eq < 0 ? item : item.substring(0, eq);
      String value = eq < 0 ? null : item.substring(eq + 1);
      switch (key) {
        case "k" -> ks.add((int) number(text, key, value, 1, 1 << 16));
        case "scaled" -> scaled = number(text, key, value, 1, Long.MAX_VALUE);
        case "num" -> num = (int) number(text, key, value, 0, Integer.MAX_VALUE);
        case "seed" -> seed = number(text, key, value, 0, 0xffffffffL);
        case "abund" -> abund = flag(text, key, value, true);
        case "noabund" -> abund = flag(text, key, value, false);
        case "dna" -> flag(text, key, value, true);
        case "protein", "dayhoff", "hp", "skipm1n3", "skipm2n3" ->
            throw new IllegalArgumentException(
                "'" + key + "' in '" + text + "': only DNA sketches are supported");
        default ->
            throw new IllegalArgumentException(
                "unknown parameter '" + item + "' in '" + text + "'");
      }
    }
    if (num != null && num > 0 && scaled != null) {
      throw new IllegalArgumentException(
          "'" + text + "' sets both num and scaled; a sketch takes one of them");
    }
    if (ks.isEmpty()) {
      ks.add(31);
    }
    long s = num != null && num > 0 ? 0 : scaled == null ? 1000 : scaled;
    int n = num == null ? 0 : num;
    List<SketchParams> out = new ArrayList<>();
    for (int k : ks) {
      out.add(new SketchParams(k, seed, s, n, abund));
    }
    return out;
  }

  private static long number(String text, String key, String value, long min, long max) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("'" + key + "' in '" + text + "' needs a value");
    }
    long v;
    try {
      v = Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "'" + key + "=" + value + "' in '" + text + "': not a whole number");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "'" + key + "=" + value + "' in '" + text + "': must be between " + min + " and " + max);
    }
    return v;
  }

  private static boolean flag(String text, String key, String value, boolean result) {
    if (value != null) {
      throw new IllegalArgumentException("'" + key + "' in '" + text + "' takes no value");
    }
    return result;
  }
}
