package org.mevflow.api.resources;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.mevflow.api.problem.ApiException;
import org.springframework.http.HttpStatus;

/**
 * The file name a multipart part carries, fuzzed: it becomes an object key and a resource's name,
 * so whatever a client sends is either refused with a 400 or made a plain name: not empty, no
 * folder, no control character, at most 255 characters. Seeds in {@code FileNameFuzzTestInputs/};
 * {@code scripts/fuzz} fuzzes it.
 */
class FileNameFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void uploadNames(String sent) {
    String name;
    try {
      name = ResourcesController.cleanName(sent);
    } catch (ApiException refused) {
      assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
      return;
    }
    assertThat(name).isNotEmpty().doesNotContain("/").doesNotContain("\\").isNotIn(".", "..");
    assertThat(name.length()).isLessThanOrEqualTo(ResourcesController.MAX_NAME);
    assertThat(name.chars().noneMatch(Character::isISOControl)).as(name).isTrue();
  }
}
