package org.mevflow.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.mevflow.api.ApiProperties;
import org.mevflow.api.problem.Problems;
import org.mevflow.db.UserRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Two filter chains: HTTP Basic only where wort hands out tokens, bearer tokens (wort tokens or
 * WebMEV JWTs) everywhere else. Every refusal is a problem+json body that says what was wrong.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfig {

  /** Routes anyone may call; a bad Authorization header on them is ignored. */
  private static final String[] PUBLIC = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
    "/actuator/prometheus",
    "/v3/api-docs",
    "/v3/api-docs/**",
    "/swagger-ui.html",
    "/swagger-ui/**",
    "/api/token/",
    "/api/latest-message/",
    "/api/token/refresh/",
    "/error"
  };

  @Bean
  PasswordEncoder passwordEncoder() {
    return new BCryptPasswordEncoder(12);
  }

  @Bean
  UserDetailsService userDetailsService(UserRepository users) {
    return login ->
        users
            .findByLogin(login)
            .map(
                u ->
                    User.withUsername(u.getUsername())
                        .password(u.getPasswordHash())
                        .disabled(!u.getIsActive())
                        .roles(
                            u.getIsAdmin() ? new String[] {"USER", "ADMIN"} : new String[] {"USER"})
                        .build())
            .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  @Bean
  @Order(1)
  SecurityFilterChain passwordChain(
      HttpSecurity http, UserDetailsService userDetails, PasswordEncoder encoder, Problems problems)
      throws Exception {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
    provider.setPasswordEncoder(encoder);
    AuthenticationManager manager = new ProviderManager(provider);
    return common(http, problems)
        .securityMatcher(
            PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/v1/auth/tokens"))
        .authenticationManager(manager)
        .httpBasic(
            basic ->
                basic.authenticationEntryPoint(
                    (req, res, e) -> refuse(problems, req, res, e, "Basic realm=\"mevflow\"")))
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain bearerChain(
      HttpSecurity http, JwtTokens jwt, WortTokens wort, Problems problems) throws Exception {
    return common(http, problems)
        .addFilterBefore(new BearerAuthenticationFilter(jwt, wort), BasicAuthenticationFilter.class)
        .exceptionHandling(
            ex ->
                ex.authenticationEntryPoint(
                    (req, res, e) -> refuse(problems, req, res, e, "Bearer realm=\"mevflow\"")))
        .authorizeHttpRequests(
            auth ->
                auth.requestMatchers(PUBLIC)
                    .permitAll()
                    .requestMatchers(HttpMethod.OPTIONS, "/**")
                    .permitAll()
                    // wort serves signatures and their pages to anyone
                    .requestMatchers(
                        HttpMethod.GET,
                        "/v1/view/**",
                        "/v1/download/**",
                        "/v1/status/**",
                        "/view/**")
                    .permitAll()
                    .requestMatchers(
                        "/v1/admin/**",
                        "/api/admin/**",
                        "/v1/verify/**",
                        "/v1/verifications/**",
                        "/api/operations/add/",
                        "/api/operation-categories-add/")
                    .hasRole("ADMIN")
                    .anyRequest()
                    .authenticated())
        .build();
  }

  private static HttpSecurity common(HttpSecurity http, Problems problems) throws Exception {
    return http.csrf(AbstractHttpConfigurer::disable)
        .cors(cors -> {})
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .exceptionHandling(
            ex ->
                ex.accessDeniedHandler(
                    (req, res, e) ->
                        problems.write(
                            req, res, HttpStatus.FORBIDDEN, "this route needs an admin account")));
  }

  private static void refuse(
      Problems problems,
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException e,
      String challenge)
      throws IOException {
    Object failure = request.getAttribute(BearerAuthenticationFilter.FAILURE);
    String detail;
    if (failure != null) {
      detail = failure.toString();
    } else if (challenge.startsWith("Basic")) {
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      detail =
          header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)
              ? "this route needs HTTP Basic credentials (username and password)"
              : "wrong username or password, or the account is disabled";
    } else {
      detail = "this route needs 'Authorization: Bearer <token>'";
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
    problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
  }

  @Bean
  CorsConfigurationSource corsConfigurationSource(ApiProperties properties) {
    CorsConfiguration cors = new CorsConfiguration();
    cors.setAllowedOrigins(properties.corsAllowedOrigins());
    cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"));
    cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
    cors.setExposedHeaders(List.of(HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.LOCATION));
    cors.setMaxAge(3600L);
    UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
    source.registerCorsConfiguration("/**", cors);
    return source;
  }
}
