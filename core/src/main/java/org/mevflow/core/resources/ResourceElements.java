package org.mevflow.core.resources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.mevflow.core.text.Delimited;
import org.mevflow.core.text.LineReader;
import org.mevflow.db.ElementRepository.Element;
import org.mevflow.db.type.ElementKind;

/**
 * A validated table's observations and features, as WebMEV extracts them: a matrix's columns are
 * observations (samples) and its rows features (genes); an annotation table's rows are observations
 * and a feature table's rows features, each with its other columns as attributes, typed per column
 * ({@code Integer}, {@code Float}, else {@code String}, or {@code UnrestrictedString} where a value
 * is no identifier; a missing value is null). Ids follow WebMEV's identifier rule (spaces become
 * underscores). Reads the standard TSV twice (types, then values); at most {@link #LIMIT} elements
 * of a kind are kept.
 */
public final class ResourceElements {
  public static final int LIMIT = 200_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern IDENTIFIER = Pattern.compile("[:_.\\-a-zA-Z0-9]*");

  private ResourceElements() {}

  public static Map<ElementKind, List<Element>> extract(Path standardTsv, ResourceType type)
      throws IOException {
    Map<ElementKind, List<Element>> out = new EnumMap<>(ElementKind.class);
    switch (type) {
      case MTX, I_MTX, EXP_MTX, RNASEQ_COUNT_MTX, NS -> {
        List<String> header = header(standardTsv);
        List<Element> samples = new ArrayList<>();
        for (String c : header.subList(1, header.size())) {
          if (samples.size() < LIMIT) {
            samples.add(new Element(id(c), "{}"));
          }
        }
        out.put(ElementKind.OBSERVATION, samples);
        out.put(ElementKind.FEATURE, rows(standardTsv, false));
      }
      case ANN -> out.put(ElementKind.OBSERVATION, rows(standardTsv, true));
      case FT -> out.put(ElementKind.FEATURE, rows(standardTsv, true));
      default -> {
        // no elements in other types
      }
    }
    return out;
  }

  static String id(String raw) {
    return raw.strip().replace(' ', '_');
  }

  private static List<String> header(Path tsv) throws IOException {
    try (LineReader in = LineReader.open(tsv)) {
      String line = in.readLine();
      return line == null ? List.of("") : Delimited.split(line, '\t');
    }
  }

  private static boolean missing(String v) {
    String s = v.strip();
    return s.isEmpty() || s.equalsIgnoreCase("NA") || s.equalsIgnoreCase("NaN");
  }

  /** Each column's WebMEV attribute type, from all its non-missing values. */
  private static String[] columnTypes(Path tsv, int columns) throws IOException {
    boolean[] integer = new boolean[columns];
    boolean[] number = new boolean[columns];
    boolean[] identifier = new boolean[columns];
    java.util.Arrays.fill(integer, true);
    java.util.Arrays.fill(number, true);
    java.util.Arrays.fill(identifier, true);
    try (LineReader in = LineReader.open(tsv)) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null) {
        List<String> cells = Delimited.split(line, '\t');
        for (int c = 1; c < Math.min(columns, cells.size()); c++) {
          String v = cells.get(c).strip();
          if (missing(v)) {
            continue;
          }
          integer[c] &= v.matches("[+-]?\\d{1,18}");
          number[c] &= isNumber(v);
          identifier[c] &= IDENTIFIER.matcher(id(v)).matches() && v.length() <= 100;
        }
      }
    }
    String[] types = new String[columns];
    for (int c = 1; c < columns; c++) {
      types[c] =
          integer[c]
              ? "Integer"
              : number[c] ? "Float" : identifier[c] ? "String" : "UnrestrictedString";
    }
    return types;
  }

  private static boolean isNumber(String v) {
    try {
      double d = Double.parseDouble(v);
      return !Double.isNaN(d) && !Double.isInfinite(d);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static List<Element> rows(Path tsv, boolean withAttributes) throws IOException {
    List<String> header = header(tsv);
    String[] types = withAttributes ? columnTypes(tsv, header.size()) : null;
    List<Element> out = new ArrayList<>();
    try (LineReader in = LineReader.open(tsv)) {
      in.readLine();
      String line;
      while ((line = in.readLine()) != null && out.size() < LIMIT) {
        List<String> cells = Delimited.split(line, '\t');
        if (cells.isEmpty() || cells.get(0).isBlank()) {
          continue;
        }
        String attributes = "{}";
        if (withAttributes) {
          ObjectNode a = JSON.createObjectNode();
          for (int c = 1; c < Math.min(header.size(), cells.size()); c++) {
            ObjectNode attr = a.putObject(header.get(c));
            attr.put("attribute_type", types[c]);
            String v = cells.get(c).strip();
            if (missing(v)) {
              attr.putNull("value");
            } else {
              switch (types[c]) {
                case "Integer" -> attr.put("value", Long.parseLong(v.replace("+", "")));
                case "Float" -> attr.put("value", Double.parseDouble(v));
                case "String" -> attr.put("value", id(v));
                default -> attr.put("value", v);
              }
            }
          }
          attributes = a.toString();
        }
        out.add(new Element(id(cells.get(0)), attributes));
      }
    }
    return out;
  }
}
