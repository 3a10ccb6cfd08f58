package org.mevflow.core.sketch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MurmurHash3Test {
  @Test
  void theCheckValueFromSketchSpec() {
    byte[] acg = "ACG".getBytes(StandardCharsets.US_ASCII);
    assertThat(Long.toUnsignedString(MurmurHash3.hash64(acg, 0, 3, 42)))
        .isEqualTo("1731421407650554201");
  }
}
