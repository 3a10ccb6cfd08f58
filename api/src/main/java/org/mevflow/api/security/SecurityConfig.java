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
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
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
  /** Routes anyone may call (the API's document marks them so). */
  public static final String[] PUBLIC = {
    "/actuator/health",
    "/actuator/health/**",
    "/actuator/info",
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
  LoginThrottle loginThrottle(SecurityProperties settings) {
    return new LoginThrottle(
        java.time.Clock.systemUTC(),
        settings.loginFailuresPerAccount(),
        settings.loginFailuresPerAddress());
  }

  /**
   * Path patterns for every {@code requestMatchers(String...)}: matched on the request's path, as
   * the routes are, instead of asking Spring MVC's handler mappings for each rule of each request
   * (that lookup was a third of a /v1/view answer's time; bench/http).
   */
  @Bean
  static org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean
      pathPatternMatchers() {
    return new org.springframework.security.config.web
        .PathPatternRequestMatcherBuilderFactoryBean();
  }

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
      HttpSecurity http,
      UserDetailsService userDetails,
      PasswordEncoder encoder,
      Problems problems,
      LoginThrottle throttle)
      throws Exception {
    DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
    provider.setPasswordEncoder(encoder);
    AuthenticationManager manager = new ProviderManager(throttled(provider, throttle));
    var tokens = PathPatternRequestMatcher.withDefaults();
    return common(http, problems)
        // wort's token route: POST with Basic credentials; DELETE with Basic or a token (its API
        // document allows both), so a DELETE that carries Basic credentials is checked here
        .securityMatcher(
            new OrRequestMatcher(
                tokens.matcher(HttpMethod.POST, "/v1/auth/tokens"),
                new AndRequestMatcher(
                    tokens.matcher(HttpMethod.DELETE, "/v1/auth/tokens"),
                    request -> {
                      String h = request.getHeader(HttpHeaders.AUTHORIZATION);
                      return h != null && h.regionMatches(true, 0, "Basic ", 0, 6);
                    })))
        .authenticationManager(manager)
        .httpBasic(
            basic ->
                basic.authenticationEntryPoint(
                    (req, res, e) -> refuse(problems, req, res, e, "Basic realm=\"mevflow\"")))
        .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
        .build();
  }

  /** wort's pages and signatures, which it serves to anyone (GET, and HEAD as Flask answers it). */
  public static final String[] WORT_PUBLIC = {
    "/",
    "/about/",
    "/view/",
    "/view/**",
    "/v1/view/**",
    "/v1/download/**",
    "/v1/status/**",
    "/v1/openapi.json",
    "/v1/ui",
    "/v1/ui/**"
  };

  @Bean
  @Order(2)
  SecurityFilterChain bearerChain(
      HttpSecurity http,
      JwtTokens jwt,
      WortTokens wort,
      Problems problems,
      @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
          org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes)
      throws Exception {
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
                    .requestMatchers(HttpMethod.GET, WORT_PUBLIC)
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, WORT_PUBLIC)
                    .permitAll()
                    // a route wort does not have: its 404 (with our reason) for anyone
                    .requestMatchers(HttpMethod.POST, "/v1/compute/img/**")
                    .permitAll()
                    .requestMatchers(
                        "/actuator/prometheus",
                        "/v1/admin/**",
                        "/api/admin/**",
                        "/v1/verify/**",
                        "/v1/verifications/**",
                        "/api/operations/add/",
                        "/api/operation-categories-add/")
                    .hasRole("ADMIN")
                    // a path no route answers is a 404 for anyone, as on wort, not a 401
                    .requestMatchers(request -> !routed(routes, request))
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .build();
  }

  /** Basic credentials checked under the login throttle: blocked attempts never reach bcrypt. */
  private static org.springframework.security.authentication.AuthenticationProvider throttled(
      DaoAuthenticationProvider provider, LoginThrottle throttle) {
    return new org.springframework.security.authentication.AuthenticationProvider() {
      @Override
      public org.springframework.security.core.Authentication authenticate(
          org.springframework.security.core.Authentication authentication) {
        String account = authentication.getName();
        String address =
            authentication.getDetails()
                    instanceof
                    org.springframework.security.web.authentication.WebAuthenticationDetails web
                ? web.getRemoteAddress()
                : "unknown";
        var wait = throttle.blocked(account, address);
        if (wait.isPresent()) {
          throw new LoginThrottle.Blocked(wait.get());
        }
        try {
          var done = provider.authenticate(authentication);
          throttle.succeeded(account);
          return done;
        } catch (org.springframework.security.authentication.BadCredentialsException
            | org.springframework.security.authentication.DisabledException e) {
          throttle.failed(account, address);
          throw e;
        }
      }

      @Override
      public boolean supports(Class<?> authentication) {
        return provider.supports(authentication);
      }
    };
  }

  /** Whether a controller route answers this request (any method: a wrong one is a 405). */
  private static boolean routed(
      org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping routes,
      HttpServletRequest request) {
    // the handler mapping reads the parsed path the DispatcherServlet would have cached
    boolean parsed =
        org.springframework.web.util.ServletRequestPathUtils.hasParsedRequestPath(request);
    if (!parsed) {
      org.springframework.web.util.ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      return routes.getHandler(request) != null;
    } catch (org.springframework.web.HttpRequestMethodNotSupportedException
        | org.springframework.web.HttpMediaTypeNotSupportedException
        | org.springframework.web.HttpMediaTypeNotAcceptableException wrongButRouted) {
      return true;
    } catch (Exception e) {
      return true; // when in doubt, authenticate
    } finally {
      if (!parsed) {
        org.springframework.web.util.ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
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
    if (e instanceof LoginThrottle.Blocked blocked) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(blocked.retryAfterSeconds()));
      problems.write(request, response, HttpStatus.TOO_MANY_REQUESTS, blocked.getMessage());
      return;
    }
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

  /**
   * The CORS filter the security chains use (Spring Security takes a bean of this name), its
   * refusals problem+json; registered with the chains only, not a second time as a servlet filter.
   */
  @Bean
  org.springframework.web.filter.CorsFilter corsFilter(
      @org.springframework.beans.factory.annotation.Qualifier("corsConfigurationSource")
          CorsConfigurationSource source,
      Problems problems) {
    org.springframework.web.filter.CorsFilter filter =
        new org.springframework.web.filter.CorsFilter(source);
    filter.setCorsProcessor(new ProblemCorsProcessor(problems));
    return filter;
  }

  @Bean
  org.springframework.boot.web.servlet.FilterRegistrationBean<
          org.springframework.web.filter.CorsFilter>
      corsFilterOnlyInTheChains(org.springframework.web.filter.CorsFilter corsFilter) {
    var registration =
        new org.springframework.boot.web.servlet.FilterRegistrationBean<>(corsFilter);
    registration.setEnabled(false);
    return registration;
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
