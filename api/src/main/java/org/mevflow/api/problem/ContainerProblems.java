package org.mevflow.api.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Refusals made before any controller: Spring Security's firewall (";", "//", "..", encoded
 * characters, methods it does not allow) and Tomcat's parser. Both answer problem+json with the
 * reason, as every other refusal does.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerProblems {
  /** The methods Spring Security's firewall lets through (its default), which routes answer. */
  static final String ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

  @Bean
  RequestRejectedHandler requestRejectedHandler(Problems problems) {
    return new RequestRejectedHandler() {
      @Override
      public void handle(
          HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
          throws IOException {
        String reason = e.getMessage() == null ? "the request was rejected" : e.getMessage();
        HttpStatus status =
            reason.contains("HTTP method") ? HttpStatus.METHOD_NOT_ALLOWED : HttpStatus.BAD_REQUEST;
        if (status == HttpStatus.METHOD_NOT_ALLOWED) {
          // RFC 9110: a 405 names the methods the server does answer
          response.setHeader(org.springframework.http.HttpHeaders.ALLOW, ALLOWED_METHODS);
        }
        problems.write(request, response, status, ProblemReportValve.clean(reason));
      }
    };
  }

  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
    return factory -> {
      factory.addContextCustomizers(
          context -> {
            if (context.getParent() instanceof StandardHost host) {
              host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
          });
      // a part's headers carry its file name: Tomcat's 512-byte default refused a long name as
      // a 413 "too large"; the name's own limit is checked, with its reason, by the route
      factory.addConnectorCustomizers(connector -> connector.setMaxPartHeaderSize(8192));
    };
  }

  /**
   * Strict JSON types: a number or a boolean is not a text (WebMEV's {@code workspace_name:
   * 12345}), a text is not a number; the refusal names the member.
   */
  @Bean
  org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer
      strictJsonTypes() {
    return builder ->
        builder.postConfigurer(
            mapper -> {
              var textual =
                  mapper.coercionConfigFor(com.fasterxml.jackson.databind.type.LogicalType.Textual);
              for (var shape :
                  java.util.List.of(
                      com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                      com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                      com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean)) {
                textual.setCoercion(shape, com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
              }
              for (var numeric :
                  java.util.List.of(
                      com.fasterxml.jackson.databind.type.LogicalType.Integer,
                      com.fasterxml.jackson.databind.type.LogicalType.Float,
                      com.fasterxml.jackson.databind.type.LogicalType.Boolean)) {
                mapper
                    .coercionConfigFor(numeric)
                    .setCoercion(
                        com.fasterxml.jackson.databind.cfg.CoercionInputShape.String,
                        com.fasterxml.jackson.databind.cfg.CoercionAction.Fail);
              }
            });
  }
}
