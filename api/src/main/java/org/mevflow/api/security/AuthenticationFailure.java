package org.mevflow.api.security;

/** Why a presented credential was refused; the message is shown to the caller as is. */
public class AuthenticationFailure extends RuntimeException {
  public AuthenticationFailure(String message) {
    super(message, null, false, false);
  }
}
