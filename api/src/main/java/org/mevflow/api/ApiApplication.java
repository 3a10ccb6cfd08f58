package org.mevflow.api;

import java.time.Clock;
import org.jooq.DSLContext;
import org.mevflow.api.security.SecurityProperties;
import org.mevflow.db.TokenRepository;
import org.mevflow.db.UserRepository;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/** The REST API: wort's v1 routes and WebMEV's /api routes over one domain. */
@SpringBootApplication
@EnableConfigurationProperties({SecurityProperties.class, ApiProperties.class})
@PropertySource("classpath:mevflow/api-defaults.properties")
public class ApiApplication {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  UserRepository userRepository(DSLContext db) {
    return new UserRepository(db);
  }

  @Bean
  TokenRepository tokenRepository(DSLContext db) {
    return new TokenRepository(db);
  }
}
