package org.mevflow.simulators.cromwell;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;

/**
 * Runs the kind of WDL the simulator supports, the way Cromwell's local backend would, without
 * containers: a workflow (draft-2 or 1.0) with one call to one task whose {@code command} is a
 * shell script. Its inputs arrive checked and completed with their defaults by miniwdl ({@link
 * MiniWdl}), the call's own inputs as {@code <call>.<input>}. File inputs are read from storage,
 * {@code ${x}} / {@code ~{x}} are replaced, the script runs in a scratch folder, and the task's
 * File outputs are put in storage. Anything else is refused with a message saying so, never faked.
 */
final class SingleCallWdl {
  private static final Pattern WORKFLOW = Pattern.compile("\\bworkflow\\s+(\\w+)\\s*\\{");
  private static final Pattern TASK = Pattern.compile("\\btask\\s+(\\w+)\\s*\\{");
  private static final Pattern CALL = Pattern.compile("\\bcall\\s+(\\w+)");
  private static final Pattern COMMAND =
      Pattern.compile("\\bcommand\\s*(<<<(.*?)>>>|\\{(.*?)\\n\\s*})", Pattern.DOTALL);
  private static final Pattern OUTPUT_BLOCK = Pattern.compile("\\boutput\\s*\\{");
  private static final Pattern FILE_LITERAL =
      Pattern.compile("\\bFile\\s+(\\w+)\\s*=\\s*\"([^\"]+)\"");
  private static final Pattern FILE_FROM_CALL =
      Pattern.compile("\\bFile\\s+(\\w+)\\s*=\\s*(\\w+)\\.(\\w+)");
  private static final Pattern ASSIGN = Pattern.compile("(\\w+)\\s*=\\s*([\\w.]+)");
  private static final Pattern PLACEHOLDER = Pattern.compile("[$~]\\{\\s*(\\w+)\\s*}");

  /** The WDL cannot be run here, or its command failed; the message is Cromwell-like. */
  static final class Failed extends Exception {
    Failed(String message) {
      super(message);
    }
  }

  private SingleCallWdl() {}

  /**
   * Runs the workflow; answers its outputs (fully qualified name to URI in storage). {@code
   * outputBucket}/{@code prefix} say where outputs go.
   */
  static Map<String, String> run(
      String wdl,
      JsonNode inputs,
      Path scratch,
      ObjectStorage storage,
      String outputBucket,
      String prefix)
      throws Failed, IOException, InterruptedException {
    String text = blankCommands(wdl);
    Matcher wf = WORKFLOW.matcher(text);
    if (!wf.find()) {
      throw new Failed("Workflow input processing failed: no workflow block");
    }
    String name = wf.group(1);
    String body = block(text, wf.end() - 1);
    Matcher call = CALL.matcher(body);
    if (!call.find()) {
      throw new Failed("the simulator runs workflows with one call; " + name + " has none");
    }
    String taskName = call.group(1);
    if (call.find()) {
      throw new Failed("the simulator runs workflows with one call; " + name + " has more");
    }
    String task = null;
    Matcher t = TASK.matcher(wdl);
    while (t.find()) {
      if (t.group(1).equals(taskName)) {
        task = blockRaw(wdl, t.end() - 1);
      }
    }
    if (task == null) {
      throw new Failed("Workflow input processing failed: no task " + taskName);
    }
    Matcher cmd = COMMAND.matcher(task);
    if (!cmd.find()) {
      throw new Failed("task " + taskName + " has no command");
    }
    String command = cmd.group(2) != null ? cmd.group(2) : cmd.group(3);

    // Call inputs: task input name -> workflow input name (same name when not mapped).
    Map<String, String> bindings = new LinkedHashMap<>();
    int callAt = body.indexOf("call " + taskName);
    int open = body.indexOf('{', callAt);
    int nextCall = body.indexOf('\n', callAt);
    if (open >= 0 && (nextCall < 0 || open <= nextCall)) {
      Matcher a = ASSIGN.matcher(block(body, open));
      while (a.find()) {
        bindings.put(a.group(1), a.group(2));
      }
    }

    Path work = Files.createDirectories(scratch.resolve("execution"));
    Path inputsDir = Files.createDirectories(scratch.resolve("inputs"));
    Map<String, String> values = new LinkedHashMap<>();
    var fields = inputs.fields();
    while (fields.hasNext()) {
      var e = fields.next();
      String key = e.getKey();
      if (!key.startsWith(name + ".")) {
        throw new Failed("Workflow input processing failed: unexpected input " + key);
      }
      String local = key.substring(name.length() + 1);
      String value = e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString();
      values.put(local, localize(value, inputsDir, storage));
    }
    Map<String, String> taskValues = new LinkedHashMap<>(values);
    // a call's own inputs (the task's declarations with defaults) come as "<call>.<input>"
    values.forEach(
        (local, value) -> {
          if (local.startsWith(taskName + ".")) {
            taskValues.put(local.substring(taskName.length() + 1), value);
          }
        });
    bindings.forEach(
        (taskInput, wfInput) -> {
          if (values.containsKey(wfInput)) {
            taskValues.put(taskInput, values.get(wfInput));
          }
        });
    Matcher ph = PLACEHOLDER.matcher(command);
    StringBuilder script = new StringBuilder();
    while (ph.find()) {
      String v = taskValues.get(ph.group(1));
      if (v == null) {
        throw new Failed("Workflow input processing failed: no value for " + ph.group(1));
      }
      ph.appendReplacement(script, Matcher.quoteReplacement(v));
    }
    ph.appendTail(script);
    Files.writeString(work.resolve("script"), script.toString());

    Process p =
        new ProcessBuilder("bash", "script")
            .directory(work.toFile())
            .redirectOutput(work.resolve("stdout").toFile())
            .redirectError(work.resolve("stderr").toFile())
            .start();
    p.getOutputStream().close();
    if (!p.waitFor(10, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new Failed("Job " + name + "." + taskName + " ran longer than 10 minutes");
    }
    if (p.exitValue() != 0) {
      String stderr = Files.readString(work.resolve("stderr"), StandardCharsets.UTF_8).strip();
      throw new Failed(
          "Job "
              + name
              + "."
              + taskName
              + ":NA:1 exited with return code "
              + p.exitValue()
              + " which has not been declared as a valid return code."
              + (stderr.isEmpty() ? "" : " stderr: " + stderr));
    }

    Map<String, String> taskOutputs = new LinkedHashMap<>();
    String taskText = blankCommands(task);
    Matcher taskOut = OUTPUT_BLOCK.matcher(taskText);
    if (taskOut.find()) {
      String outs = block(taskText, taskOut.end() - 1);
      Matcher f = FILE_LITERAL.matcher(outs);
      while (f.find()) {
        // "${name}" in an output's file name is the task's value, as in its command
        Matcher in = PLACEHOLDER.matcher(f.group(2));
        StringBuilder fileName = new StringBuilder();
        while (in.find()) {
          String v = taskValues.get(in.group(1));
          in.appendReplacement(fileName, Matcher.quoteReplacement(v == null ? in.group() : v));
        }
        in.appendTail(fileName);
        Path file = work.resolve(fileName.toString()).normalize();
        if (!file.startsWith(work) || !Files.isRegularFile(file)) {
          throw new Failed(
              "Failed to evaluate job outputs: "
                  + taskName
                  + "."
                  + f.group(1)
                  + ": file not found: "
                  + fileName);
        }
        ObjectRef ref =
            new ObjectRef(
                outputBucket,
                prefix + "/call-" + taskName + "/execution/" + file.getFileName().toString());
        storage.put(ref, file, Content.OCTET_STREAM);
        taskOutputs.put(f.group(1), storage.uri(ref).toString());
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    Matcher wfOut = OUTPUT_BLOCK.matcher(body);
    if (wfOut.find()) {
      Matcher f = FILE_FROM_CALL.matcher(block(body, wfOut.end() - 1));
      while (f.find()) {
        String v = taskOutputs.get(f.group(3));
        if (v == null || !f.group(2).equals(taskName)) {
          throw new Failed("Failed to evaluate workflow output " + name + "." + f.group(1));
        }
        outputs.put(name + "." + f.group(1), v);
      }
    }
    return outputs;
  }

  private static String localize(String value, Path dir, ObjectStorage storage) throws IOException {
    if (!value.startsWith(storage.scheme() + "://")) {
      return value;
    }
    ObjectRef ref = ObjectRef.fromUri(URI.create(value));
    Path target = dir.resolve(Integer.toHexString(value.hashCode()) + "-" + last(ref.key()));
    try (InputStream in = storage.get(ref)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target.toString();
  }

  private static String last(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  /** The text between the brace at {@code open} and its match (commands already blanked). */
  private static String block(String text, int open) throws Failed {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return text.substring(open + 1, i);
      }
    }
    throw new Failed("unbalanced braces in the WDL");
  }

  /** Like {@link #block} on text that still holds its commands. */
  private static String blockRaw(String text, int open) throws Failed {
    String blanked = blankCommands(text);
    return text.substring(open + 1, open + 1 + block(blanked, open).length());
  }

  /** The same text with every command body replaced by spaces, so offsets stay the same. */
  private static String blankCommands(String text) {
    Matcher m = COMMAND.matcher(text);
    StringBuilder out = new StringBuilder(text);
    while (m.find()) {
      int from = m.start(1) + 1;
      int to = m.end(1) - 1;
      for (int i = from; i < to; i++) {
        if (out.charAt(i) != '\n') {
          out.setCharAt(i, ' ');
        }
      }
    }
    return out.toString();
  }
}
