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

  /**
   * Every operation's refusals as they are answered: any status its document does not name is an
   * RFC 9457 problem ({@code application/problem+json}), which wort's /v1 routes also carry as
   * wort's {@code {"status": String}}, so {@code status} is a number or a string there.
   */
  @Bean
  org.springdoc.core.customizers.GlobalOpenApiCustomizer refusalsAsProblems() {
    return openApi -> {
      io.swagger.v3.oas.models.media.Schema<?> problem =
          new io.swagger.v3.oas.models.media.ObjectSchema()
              .description("RFC 9457 problem details; on /v1 also wort's {\"status\": String}")
              .addProperty("type", new io.swagger.v3.oas.models.media.StringSchema())
              .addProperty("title", new io.swagger.v3.oas.models.media.StringSchema())
              .addProperty(
                  "status",
                  new io.swagger.v3.oas.models.media.Schema<>()
                      .description("the HTTP status; on /v1, wort's message"))
              .addProperty("detail", new io.swagger.v3.oas.models.media.StringSchema())
              .addProperty("instance", new io.swagger.v3.oas.models.media.StringSchema());
      if (openApi.getComponents() == null) {
        openApi.setComponents(new Components());
      }
      // a record's member that is not required may be null in an answer (Jackson writes nulls):
      // say so (OpenAPI 3.1: the type "null" beside the member's own)
      for (io.swagger.v3.oas.models.media.Schema<?> schema :
          openApi.getComponents().getSchemas().values()) {
        nullableMembers(schema);
      }
      openApi.getComponents().addSchemas("Problem", problem);
      var refusal =
          new io.swagger.v3.oas.models.responses.ApiResponse()
              .description("refused: a problem saying why")
              .content(
                  new io.swagger.v3.oas.models.media.Content()
                      .addMediaType(
                          "application/problem+json",
                          new io.swagger.v3.oas.models.media.MediaType()
                              .schema(
                                  new io.swagger.v3.oas.models.media.Schema<>()
                                      .$ref("#/components/schemas/Problem"))));
      if (openApi.getPaths() == null) {
        return;
      }
      // the routes anyone may call need no credentials (an empty security requirement)
      org.springframework.util.AntPathMatcher paths = new org.springframework.util.AntPathMatcher();
      openApi
          .getPaths()
          .forEach(
              (template, item) -> {
                boolean open =
                    java.util.Arrays.stream(org.mevflow.api.security.SecurityConfig.PUBLIC)
                        .anyMatch(p -> paths.match(p, template));
                boolean wortOpen =
                    java.util.Arrays.stream(org.mevflow.api.security.SecurityConfig.WORT_PUBLIC)
                        .anyMatch(p -> paths.match(p, template));
                item.readOperationsMap()
                    .forEach(
                        (method, operation) -> {
                          if (open
                              || (wortOpen
                                  && (method == io.swagger.v3.oas.models.PathItem.HttpMethod.GET
                                      || method
                                          == io.swagger.v3.oas.models.PathItem.HttpMethod.HEAD))) {
                            operation.setSecurity(java.util.List.of());
                          }
                        });
              });
      openApi
          .getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          operation -> {
                            var responses = operation.getResponses();
                            if (responses == null) {
                              responses = new io.swagger.v3.oas.models.responses.ApiResponses();
                              operation.setResponses(responses);
                            }
                            // a handler that returns Object answers any JSON (an array, often),
                            // not "an object"
                            responses.values().stream()
                                .filter(r -> r.getContent() != null)
                                .flatMap(r -> r.getContent().values().stream())
                                .filter(
                                    m ->
                                        m.getSchema() != null
                                            && m.getSchema().get$ref() == null
                                            && m.getSchema().getProperties() == null
                                            && m.getSchema().getItems() == null
                                            && (java.util.Set.of("object")
                                                    .equals(m.getSchema().getTypes())
                                                || "object".equals(m.getSchema().getType())))
                                .forEach(
                                    m ->
                                        m.setSchema(
                                            new io.swagger.v3.oas.models.media.Schema<>()
                                                .description("any JSON")));
                            // springdoc lists the exception handlers' statuses with */*; each is
                            // a problem, as is any status not listed
                            responses.keySet().stream()
                                .filter(code -> code.startsWith("4") || code.startsWith("5"))
                                .toList()
                                .forEach(code -> operation.getResponses().put(code, refusal));
                            responses.setDefault(refusal);
                          }));
    };
  }

  /** Each member that is not required and not a reference may also be null. */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static void nullableMembers(io.swagger.v3.oas.models.media.Schema<?> schema) {
    java.util.Map<String, io.swagger.v3.oas.models.media.Schema> properties =
        (java.util.Map) schema.getProperties();
    if (properties == null) {
      return;
    }
    java.util.List<String> required =
        schema.getRequired() == null ? java.util.List.of() : schema.getRequired();
    properties.forEach(
        (name, property) -> {
          if (required.contains(name) || property.get$ref() != null) {
            return;
          }
          java.util.Set<String> types = new java.util.LinkedHashSet<>();
          if (property.getTypes() != null) {
            types.addAll(property.getTypes());
          } else if (property.getType() != null) {
            types.add(property.getType());
          }
          if (!types.isEmpty()) {
            types.add("null");
            property.setTypes(types);
          }
        });
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
