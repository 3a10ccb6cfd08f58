package org.mevflow.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer} with either kind of token: a JWT (three dot-separated
 * parts) or a wort token. A bad token does not end the request here: routes open to everyone ignore
 * it (WebMEV's client sends its expired token to the refresh route), and protected routes answer
 * 401 with the reason recorded under {@link #FAILURE}.
 */
public class BearerAuthenticationFilter extends OncePerRequestFilter {
  /** Request attribute holding why the presented credential was refused. */
  public static final String FAILURE = BearerAuthenticationFilter.class.getName() + ".failure";

  private final JwtTokens jwt;
  private final WortTokens wort;

  public BearerAuthenticationFilter(JwtTokens jwt, WortTokens wort) {
    this.jwt = jwt;
    this.wort = wort;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header != null) {
      try {
        MevflowUser user = authenticate(header.strip());
        SecurityContextHolder.getContext()
            .setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, user.authorities()));
      } catch (AuthenticationFailure e) {
        request.setAttribute(FAILURE, e.getMessage());
      }
    }
    chain.doFilter(request, response);
  }

  private MevflowUser authenticate(String header) {
    int space = header.indexOf(' ');
    String scheme = space < 0 ? header : header.substring(0, space);
    if (space < 0 || !scheme.equalsIgnoreCase("Bearer")) {
      throw new AuthenticationFailure(
          "Authorization header must be 'Bearer <token>' (got scheme '" + scheme + "')");
    }
    String token = header.substring(space + 1).strip();
    if (token.isEmpty() || token.contains(" ")) {
      throw new AuthenticationFailure("Authorization header must be 'Bearer <token>'");
    }
    return token.chars().filter(c -> c == '.').count() == 2
        ? jwt.authenticate(token, JwtTokens.Type.ACCESS)
        : wort.authenticate(token);
  }
}
