package org.mevflow.core.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code local_docker} operation's {@code entrypoint.txt}: the command its container runs, a
 * Jinja template rendered with the converted inputs, as WebMEV renders it. The part of Jinja that
 * entrypoints use is rendered here: {@code {{ name }}}, {@code {% if [not] name %}}, {@code {% elif
 * [not] name %}}, {@code {% else %}}, {@code {% endif %}} and {@code {# comments #}}; a value
 * renders as Python prints it ({@code True}, {@code ['a', 'b']}, {@code None}), a missing one as
 * nothing, and a condition is Python's truth. Anything else is refused when the operation is
 * ingested, naming it, rather than rendered differently from WebMEV.
 */
public final class EntrypointTemplate {
  private static final Pattern TOKEN =
      Pattern.compile("\\{\\{-?(.*?)-?}}|\\{%-?(.*?)-?%}|\\{#-?.*?-?#}", Pattern.DOTALL);
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern CONDITION = Pattern.compile("(not\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

  private sealed interface Node permits Text, Variable, Branches {}

  private record Text(String text) implements Node {}

  private record Variable(String name) implements Node {}

  private record Branch(boolean negated, String name, List<Node> body) {}

  private record Branches(List<Branch> branches, List<Node> otherwise) implements Node {}

  private final List<Node> nodes;

  private EntrypointTemplate(List<Node> nodes) {
    this.nodes = nodes;
  }

  /** Reads a template; what this renderer would not render as Jinja does is refused. */
  public static EntrypointTemplate parse(String template) throws OperationSpec.Invalid {
    // as Jinja: one trailing newline of the template is dropped (keep_trailing_newline off)
    if (template.endsWith("\n")) {
      template = template.substring(0, template.length() - 1);
    }
    List<List<Node>> stack = new ArrayList<>();
    List<Branches> open = new ArrayList<>();
    List<Node> current = new ArrayList<>();
    stack.add(current);
    Matcher m = TOKEN.matcher(template);
    int at = 0;
    boolean stripNext = false;
    while (m.find()) {
      String token = m.group();
      String text = template.substring(at, m.start());
      if (stripNext) {
        text = text.stripLeading();
      }
      if (token.charAt(2) == '-') {
        text = text.stripTrailing(); // {%- / {{- / {#- take the whitespace before them
      }
      if (!text.isEmpty()) {
        current.add(new Text(text));
      }
      stripNext = token.charAt(token.length() - 3) == '-';
      at = m.end();
      if (m.group(1) != null) {
        String name = m.group(1).strip();
        if (!NAME.matcher(name).matches()) {
          throw refused("{{" + m.group(1) + "}}");
        }
        current.add(new Variable(name));
      } else if (m.group(2) != null) {
        String tag = m.group(2).strip();
        String word = tag.split("\\s+", 2)[0];
        switch (word) {
          case "if", "elif" -> {
            Matcher c = CONDITION.matcher(tag.substring(word.length()).strip());
            if (!c.matches()) {
              throw refused("{% " + tag + " %}");
            }
            List<Node> body = new ArrayList<>();
            Branch b = new Branch(c.group(1) != null, c.group(2), body);
            if (word.equals("if")) {
              Branches branches = new Branches(new ArrayList<>(List.of(b)), new ArrayList<>());
              current.add(branches);
              open.add(branches);
            } else {
              if (open.isEmpty()) {
                throw new OperationSpec.Invalid("entrypoint.txt: {% elif %} without {% if %}");
              }
              open.get(open.size() - 1).branches().add(b);
            }
            current = body;
          }
          case "else" -> {
            if (open.isEmpty() || !tag.equals("else")) {
              throw new OperationSpec.Invalid("entrypoint.txt: {% else %} without {% if %}");
            }
            current = open.get(open.size() - 1).otherwise();
          }
          case "endif" -> {
            if (open.isEmpty() || !tag.equals("endif")) {
              throw new OperationSpec.Invalid("entrypoint.txt: {% endif %} without {% if %}");
            }
            open.remove(open.size() - 1);
            current = open.isEmpty() ? stack.get(0) : lastBody(open.get(open.size() - 1));
          }
          default -> throw refused("{% " + tag + " %}");
        }
      }
    }
    if (!open.isEmpty()) {
      throw new OperationSpec.Invalid("entrypoint.txt: an {% if %} has no {% endif %}");
    }
    String rest = template.substring(at);
    if (stripNext) {
      rest = rest.stripLeading();
    }
    if (!rest.isEmpty()) {
      current.add(new Text(rest));
    }
    return new EntrypointTemplate(stack.get(0));
  }

  /** The body that is being filled inside the innermost open if (its else, or its last branch). */
  private static List<Node> lastBody(Branches b) {
    // a nested if closed: go on filling whichever part of the outer if it was opened in
    return b.otherwise().isEmpty()
        ? b.branches().get(b.branches().size() - 1).body()
        : b.otherwise();
  }

  private static OperationSpec.Invalid refused(String what) {
    return new OperationSpec.Invalid(
        "entrypoint.txt uses "
            + what.strip()
            + ", which mevflow does not render (it renders {{ name }}, {% if [not] name %},"
            + " {% elif %}, {% else %}, {% endif %})");
  }

  /** The command, rendered with the converted inputs. */
  public String render(Map<String, JsonNode> values) {
    StringBuilder out = new StringBuilder();
    render(nodes, values, out);
    return out.toString();
  }

  private static void render(List<Node> nodes, Map<String, JsonNode> values, StringBuilder out) {
    for (Node n : nodes) {
      if (n instanceof Text t) {
        out.append(t.text());
      } else if (n instanceof Variable v) {
        out.append(python(values.get(v.name())));
      } else if (n instanceof Branches b) {
        List<Node> chosen = b.otherwise();
        for (Branch branch : b.branches()) {
          if (truthy(values.get(branch.name())) != branch.negated()) {
            chosen = branch.body();
            break;
          }
        }
        render(chosen, values, out);
      }
    }
  }

  /** Python's truth of a value; a missing one is false, as Jinja's undefined is. */
  static boolean truthy(JsonNode v) {
    if (v == null || v.isNull() || v.isMissingNode()) {
      return false;
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isNumber()) {
      return v.doubleValue() != 0;
    }
    if (v.isTextual()) {
      return !v.asText().isEmpty();
    }
    return v.size() > 0;
  }

  /** A value as Python's str() prints it: what Jinja puts in the command. */
  static String python(JsonNode v) {
    if (v == null || v.isMissingNode()) {
      return "";
    }
    if (v.isNull()) {
      return "None";
    }
    if (v.isBoolean()) {
      return v.asBoolean() ? "True" : "False";
    }
    if (v.isTextual()) {
      return v.asText();
    }
    if (v.isIntegralNumber()) {
      return v.asText();
    }
    if (v.isNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e16 ? (long) d + ".0" : Double.toString(d);
    }
    if (v.isArray()) {
      List<String> items = new ArrayList<>();
      v.forEach(i -> items.add(repr(i)));
      return "[" + String.join(", ", items) + "]";
    }
    List<String> entries = new ArrayList<>();
    v.fields().forEachRemaining(e -> entries.add(quote(e.getKey()) + ": " + repr(e.getValue())));
    return "{" + String.join(", ", entries) + "}";
  }

  private static String repr(JsonNode v) {
    return v.isTextual() ? quote(v.asText()) : python(v);
  }

  private static String quote(String s) {
    return s.contains("'") && !s.contains("\"")
        ? "\"" + s + "\""
        : "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
