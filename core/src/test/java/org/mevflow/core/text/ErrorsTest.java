package org.mevflow.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.UnresolvedAddressException;
import org.junit.jupiter.api.Test;

class ErrorsTest {
  @Test
  void aMessageIsTheReasonAndNoReasonIsEverNull() {
    assertThat(Errors.describe(new IOException("disk full"))).isEqualTo("disk full");
    // what Java's HTTP client throws for a host that does not resolve: no message anywhere
    ConnectException connect = new ConnectException();
    connect.initCause(new UnresolvedAddressException());
    assertThat(Errors.describe(connect)).isEqualTo("UnresolvedAddressException");
    assertThat(Errors.describe(new IOException(null, new IllegalStateException("closed"))))
        .isEqualTo("IllegalStateException: closed");
    assertThat(Errors.describe(null)).isEqualTo("unknown error");
  }
}
