package org.mevflow.api.signatures;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * wort's public read routes ({@code /v1/view}, {@code /v1/download}, {@code /v1/status}: what
 * scripts fetch signatures with, thousands of times a run) found by their three path patterns
 * before Spring MVC's general look-up, which checks every route's method, headers and media types
 * before its path, once for the security filters and again for the dispatch: two thirds of a
 * /v1/view answer's time (bench/http). The handlers are the annotated methods of {@link
 * SignaturesController} themselves, with the same path variables; every other request falls through
 * to the general look-up unchanged.
 */
@Configuration(proxyBeanMethods = false)
class HotRoutes {
  static final List<String> PATTERNS =
      List.of(
          SignaturesController.VIEW, SignaturesController.DOWNLOAD, SignaturesController.STATUS);

  @Bean
  HandlerMapping wortReadRoutes(
      @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping routes) {
    return new Mapping(routes);
  }

  private static final class Mapping extends AbstractHandlerMapping {
    private record Route(PathPattern pattern, HandlerMethod handler) {}

    private final RequestMappingHandlerMapping routes;
    private volatile List<Route> hot;

    Mapping(RequestMappingHandlerMapping routes) {
      this.routes = routes;
      setOrder(Ordered.HIGHEST_PRECEDENCE);
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
      String method = request.getMethod();
      if (!"GET".equals(method) && !"HEAD".equals(method)) {
        return null;
      }
      var path =
          (ServletRequestPathUtils.hasParsedRequestPath(request)
                  ? ServletRequestPathUtils.getParsedRequestPath(request)
                  : ServletRequestPathUtils.parseAndCache(request))
              .pathWithinApplication();
      for (Route route : hot()) {
        PathPattern.PathMatchInfo match = route.pattern().matchAndExtract(path);
        if (match != null) {
          String pattern = route.pattern().getPatternString();
          Map<String, String> variables = match.getUriVariables();
          request.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
          request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, variables);
          // the request's metrics name the route's pattern, as for every other route
          ServerHttpObservationFilter.findObservationContext(request)
              .ifPresent(context -> context.setPathPattern(pattern));
          return route.handler().createWithResolvedBean();
        }
      }
      return null;
    }

    /** The annotated handlers of the hot patterns, found once the routes are registered. */
    private List<Route> hot() {
      List<Route> found = hot;
      if (found == null) {
        found = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e :
            routes.getHandlerMethods().entrySet()) {
          var patterns = e.getKey().getPathPatternsCondition();
          if (patterns == null || e.getKey().getMethodsCondition().getMethods().size() != 1) {
            continue;
          }
          for (PathPattern p : patterns.getPatterns()) {
            if (PATTERNS.contains(p.getPatternString())
                && e.getKey()
                    .getMethodsCondition()
                    .getMethods()
                    .iterator()
                    .next()
                    .name()
                    .equals("GET")) {
              found.add(new Route(p, e.getValue()));
            }
          }
        }
        if (found.size() != PATTERNS.size()) {
          throw new IllegalStateException(
              "the hot routes " + PATTERNS + " are not all GET routes of one pattern: " + found);
        }
        hot = List.copyOf(found);
      }
      return found;
    }
  }
}
