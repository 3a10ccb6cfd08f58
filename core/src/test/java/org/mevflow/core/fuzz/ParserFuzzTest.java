package org.mevflow.core.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import org.mevflow.core.operations.OperationSpec;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.resources.TableValidator;
import org.mevflow.core.sketch.ParamString;
import org.mevflow.core.sketch.SignatureJson;
import org.mevflow.core.sketch.Sketcher;
import org.mevflow.core.text.LineReader;

/**
 * The parsers that read what users send, fuzzed with Jazzer: each must answer any input with its
 * own refusal (a checked exception saying what was wrong) or a result, never with a runtime
 * exception, an error or unbounded work. In a normal build the seeds under {@code
 * ParserFuzzTestInputs/} are replayed; {@code scripts/fuzz} fuzzes each target for a while ({@code
 * JAZZER_FUZZ=1}).
 */
class ParserFuzzTest {
  private static final SignatureJson.Limits LIMITS =
      new SignatureJson.Limits(1 << 20, 50, 100_000, Duration.ofSeconds(5));

  private static final List<ResourceType> TABLES =
      java.util.Arrays.stream(ResourceType.values()).filter(ResourceType::isTable).toList();

  @FuzzTest(maxDuration = "30s")
  void sequences(byte[] data) {
    if (data == null) {
      return;
    }
    try {
      new Sketcher(ParamString.parse("k=5,k=21,scaled=1,abund"), 1)
          .sketch(new ByteArrayInputStream(data), Sketcher.Progress.NONE);
    } catch (IOException refused) {
      // malformed, empty or broken gzip input: refused with its reason
    }
  }

  @FuzzTest(maxDuration = "30s")
  void signatures(byte[] data) {
    if (data == null) {
      return;
    }
    try {
      SignatureJson.scan(new ByteArrayInputStream(data), LIMITS);
    } catch (IOException refused) {
      // not a signature, or over the limits
    }
    try {
      SignatureJson.read(new ByteArrayInputStream(data), 1 << 20);
    } catch (IOException refused) {
      // the same file read whole: the same refusals
    }
  }

  @FuzzTest(maxDuration = "30s")
  void operationSpecs(String json) {
    if (json == null) {
      return; // a spec is read from a file: it is text, never null
    }
    try {
      OperationSpec.parse(json);
    } catch (OperationSpec.Invalid refused) {
      // not an operation spec WebMEV would ingest
    }
  }

  @FuzzTest(maxDuration = "30s")
  void tables(FuzzedDataProvider data) throws IOException {
    ResourceType type = data.pickValue(TABLES);
    List<String> formats = type.acceptableFormats();
    String format = formats.isEmpty() ? "tsv" : data.pickValue(formats);
    String text = data.consumeRemainingAsString();
    Writer out = new StringWriter();
    TableValidator.validate(LineReader.of(new StringReader(text)), type, format, out);
  }
}
