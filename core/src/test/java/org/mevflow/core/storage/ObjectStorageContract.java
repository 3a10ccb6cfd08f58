package org.mevflow.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every storage backend must do; each backend's test runs all of it. */
abstract class ObjectStorageContract {
  static final String BUCKET = "wort-sra";

  @TempDir Path dir;
  ObjectStorage storage;
  String prefix;

  abstract ObjectStorage storage() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    storage = storage();
    prefix = "t-" + UUID.randomUUID() + "/";
  }

  ObjectRef ref(String key) {
    return new ObjectRef(BUCKET, prefix + key);
  }

  Path file(String text) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "src", ".bin"), text);
  }

  static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void putThenGetHeadWithContentTypeAndEncoding() throws IOException {
    ObjectRef sig = ref("sigs/SRR000001.sig");
    StoredObject put = storage.put(sig, file("gzip bytes here"), Content.GZIPPED_JSON);
    assertThat(put.size()).isEqualTo(15);
    assertThat(read(storage.get(sig))).isEqualTo("gzip bytes here");
    StoredObject head = storage.head(sig).orElseThrow();
    assertThat(head.size()).isEqualTo(15);
    assertThat(head.contentType()).isEqualTo("application/json");
    assertThat(head.contentEncoding()).isEqualTo("gzip");
    assertThat(storage.uri(sig).toString())
        .isEqualTo(storage.scheme() + "://wort-sra/" + prefix + "sigs/SRR000001.sig");
    assertThat(ObjectRef.fromUri(storage.uri(sig))).isEqualTo(sig);
  }

  @Test
  void aPutReplacesTheWholeObject() throws IOException {
    ObjectRef r = ref("a");
    storage.put(r, file("first version, longer"), Content.OCTET_STREAM);
    storage.put(r, file("second"), new Content("text/plain", null));
    assertThat(read(storage.get(r))).isEqualTo("second");
    assertThat(storage.head(r).orElseThrow().contentType()).startsWith("text/plain");
  }

  @Test
  void aFailedUploadLeavesTheOldObjectAndNoPartOfTheNewOne() throws IOException {
    ObjectRef r = ref("kept");
    storage.put(r, file("old"), Content.OCTET_STREAM);
    InputStream broken =
        new InputStream() {
          int n;

          @Override
          public int read() throws IOException {
            if (n++ > 1000) {
              throw new IOException("connection reset");
            }
            return 'x';
          }
        };
    assertThatThrownBy(() -> storage.put(r, broken, Content.OCTET_STREAM))
        .hasMessageContaining("connection reset");
    assertThatThrownBy(() -> storage.put(ref("new"), broken, Content.OCTET_STREAM))
        .isInstanceOf(IOException.class);
    assertThat(read(storage.get(r))).isEqualTo("old");
    assertThat(storage.head(ref("new"))).isEmpty();
  }

  @Test
  void streamsOfUnknownLength() throws IOException {
    byte[] big = new byte[3 << 20];
    new java.util.Random(1).nextBytes(big);
    ObjectRef r = ref("big.bin");
    storage.put(r, new ByteArrayInputStream(big), Content.OCTET_STREAM);
    try (InputStream in = storage.get(r)) {
      assertThat(in.readAllBytes()).isEqualTo(big);
    }
  }

  @Test
  void missingObjects() throws IOException {
    ObjectRef r = ref("nothing-here");
    assertThat(storage.head(r)).isEmpty();
    assertThatThrownBy(() -> storage.get(r)).isInstanceOf(NoSuchObjectException.class);
    assertThat(storage.delete(r)).isFalse();
    assertThatThrownBy(() -> storage.copy(r, ref("b"))).isInstanceOf(NoSuchObjectException.class);
  }

  @Test
  void deleteCopyAndListByPrefix() throws IOException {
    storage.put(ref("sigs/a.sig"), file("A"), Content.GZIPPED_JSON);
    storage.put(ref("sigs/b.sig"), file("B"), Content.GZIPPED_JSON);
    storage.put(ref("submitted/u/c.sig"), file("C"), Content.OCTET_STREAM);

    StoredObject copy = storage.copy(ref("sigs/a.sig"), ref("sigs/z.sig"));
    assertThat(copy.contentEncoding()).isEqualTo("gzip");
    assertThat(read(storage.get(ref("sigs/z.sig")))).isEqualTo("A");

    assertThat(storage.list(BUCKET, prefix + "sigs/"))
        .extracting(o -> o.ref().key())
        .containsExactly(prefix + "sigs/a.sig", prefix + "sigs/b.sig", prefix + "sigs/z.sig");

    assertThat(storage.delete(ref("sigs/a.sig"))).isTrue();
    assertThat(storage.head(ref("sigs/a.sig"))).isEmpty();
    assertThat(storage.list(BUCKET, prefix + "sigs/")).hasSize(2);
  }

  @Test
  void keysThatCouldEscapeAreRefusedEverywhere() {
    for (String bad :
        new String[] {"../x", "a/../../b", "/abs", "a//b", "a\\b", "a/./b", "", "a/"}) {
      assertThatThrownBy(() -> new ObjectRef(BUCKET, bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> new ObjectRef("../etc", "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ObjectRef(BUCKET, "dir/name with spaces+plus é.sig").toUri("s3"))
        .satisfies(
            u ->
                assertThat(ObjectRef.fromUri(u).key())
                    .isEqualTo("dir/name with spaces+plus é.sig"));
  }
}
