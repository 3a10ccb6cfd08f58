package org.mevflow.api.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mevflow.api.ApiProperties;
import org.mevflow.api.problem.Problems;
import org.mevflow.api.security.JwtTokens;
import org.mevflow.api.security.SecurityConfig;
import org.mevflow.api.security.SecurityProperties;
import org.mevflow.api.security.WortTokens;
import org.mevflow.db.UserRepository;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * A slice test of controllers: Spring MVC with the API's real security chains, problem+json
 * handling and strict binding, the named controllers, and Mockito mocks for what they call (declare
 * them with {@code @MockitoBean}). No database, no Temporal, no server port: requests go through
 * {@code MockMvc}. The tests that need the whole context carry {@link ApiTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(properties = {"mevflow.security.secret=test-secret-of-at-least-thirty-two-bytes"})
@ContextConfiguration(classes = ApiSlice.Application.class)
@MockitoBean(types = {UserRepository.class, JwtTokens.class, WortTokens.class})
public @interface ApiSlice {
  /** The controllers under test. */
  @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
  Class<?>[] value();

  /**
   * The API application without the services it imports (they start workflows and need a database):
   * the web layer's own beans, found by the slice's filter, and the security chains.
   */
  @SpringBootConfiguration
  @ComponentScan(
      basePackages = "org.mevflow.api",
      excludeFilters =
          @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
  @EnableConfigurationProperties({SecurityProperties.class, ApiProperties.class})
  @Import({SecurityConfig.class, Problems.class})
  class Application {}
}
