package org.mevflow.api;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI documents: every route ({@code mevflow} group, at /v3/api-docs/mevflow and as the
 * default at /v3/api-docs) and wort's /v1 routes alone ({@code wort} group, also at
 * /v1/openapi.json, where wort's connexion serves its document); Swagger UI at /swagger-ui.html
 * and, for wort's, /v1/ui/.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {
  @Bean
  org.springdoc.core.models.GroupedOpenApi everyRoute() {
    return org.springdoc.core.models.GroupedOpenApi.builder()
        .group("mevflow")
        .pathsToMatch("/**")
        .build();
  }

  @Bean
  org.springdoc.core.models.GroupedOpenApi wortRoutes() {
    return org.springdoc.core.models.GroupedOpenApi.builder()
        .group("wort")
        .pathsToMatch("/v1/**")
        .build();
  }

  @Bean
  OpenAPI mevflowOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("mevflow")
                .version("v1")
                .description(
                    "wort's signature routes (/v1) and WebMEV's analysis routes (/api) on"
                        + " durable Temporal workflows"))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("a wort token (POST /v1/auth/tokens) or a WebMEV JWT"))
                .addSecuritySchemes(
                    "basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }
}
