package org.mevflow.api.signatures;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.db.DatasetRepository;
import org.mevflow.db.jooq.tables.records.DatasetsRecord;
import org.mevflow.db.type.DatasetStatus;
import org.mevflow.db.type.PublicDb;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * wort's {@code GET /v1/view/<db>/<accession>} of a computed signature, the request wort's clients
 * make thousands of times a run, answered before the security filters and the dispatcher: the route
 * is public, and its answer is one look-up and a redirect. Only the plain request takes this path:
 * a GET over plain HTTP (over HTTPS the chain adds HSTS) with no query and no {@code Origin} (no
 * CORS to answer), an empty context path, the path exactly {@code /v1/view/<db>/<accession>} with a
 * database wort knows and an accession of its pattern, and a dataset that is computed. Anything
 * else (a 404, a bad accession, a HEAD, a preflight) goes through the whole chain, which answers as
 * it always did. The answer carries the headers the CORS and security filters put on every answer
 * ({@link #VARY}, {@link #HEADERS}; a test compares the whole answer with the chain's), and is
 * timed under the route's pattern like any other.
 */
@Configuration(proxyBeanMethods = false)
class ViewFastPath {
  /** What CORS processing puts on every answer, a CORS request or not. */
  static final List<String> VARY =
      List.of("Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");

  /** What Spring Security's header writers put on each answer, as configured here. */
  static final Map<String, String> HEADERS =
      Map.of(
          "X-Content-Type-Options", "nosniff",
          "X-XSS-Protection", "0",
          "Cache-Control", "no-cache, no-store, max-age=0, must-revalidate",
          "Pragma", "no-cache",
          "Expires", "0",
          "X-Frame-Options", "DENY");

  private static final String PREFIX = "/v1/view/";

  @Bean
  FilterRegistrationBean<Filter> wortViewFastPath(
      DatasetRepository datasets, ObjectStorage storage) {
    FilterRegistrationBean<Filter> registration =
        new FilterRegistrationBean<>(new View(datasets, storage));
    registration.setUrlPatterns(List.of(PREFIX + "*"));
    // after the observation filter (the request is timed), before the security filters
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 1);
    return registration;
  }

  static final class View implements Filter {
    private final DatasetRepository datasets;
    private final ObjectStorage storage;
    private final java.util.concurrent.atomic.LongAdder answered =
        new java.util.concurrent.atomic.LongAdder();

    /** How many requests this path answered (the rest went through the chain). */
    long answered() {
      return answered.sum();
    }

    View(DatasetRepository datasets, ObjectStorage storage) {
      this.datasets = datasets;
      this.storage = storage;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest request = (HttpServletRequest) req;
      Optional<URI> target = target(request);
      if (target.isEmpty()) {
        chain.doFilter(req, res);
        return;
      }
      ServerHttpObservationFilter.findObservationContext(request)
          .ifPresent(context -> context.setPathPattern(SignaturesController.VIEW));
      HttpServletResponse response = (HttpServletResponse) res;
      VARY.forEach(v -> response.addHeader("Vary", v));
      HEADERS.forEach(response::setHeader);
      response.setStatus(HttpServletResponse.SC_FOUND);
      response.setHeader("Location", target.get().toString());
      answered.increment();
    }

    /** Where a plain view request of a computed signature redirects; empty for any other. */
    private Optional<URI> target(HttpServletRequest request) {
      if (!"GET".equals(request.getMethod())
          || request.isSecure() // HTTPS adds HSTS: the chain writes it
          || request.getQueryString() != null
          || request.getHeader("Origin") != null
          || !request.getContextPath().isEmpty()) {
        return Optional.empty();
      }
      String uri = request.getRequestURI();
      if (!uri.startsWith(PREFIX)) {
        return Optional.empty();
      }
      int slash = uri.indexOf('/', PREFIX.length());
      if (slash < 0) {
        return Optional.empty();
      }
      String database = uri.substring(PREFIX.length(), slash);
      String accession = uri.substring(slash + 1);
      PublicDb db = Signatures.known(database);
      if (db == null || !Signatures.valid(db, accession)) {
        return Optional.empty();
      }
      DatasetsRecord row = datasets.find(db, accession).orElse(null);
      if (row == null
          || row.getStatus() != DatasetStatus.COMPUTED
          || row.getSignatureUri() == null) {
        return Optional.empty();
      }
      ObjectRef ref = ObjectRef.fromUri(URI.create(row.getSignatureUri()));
      return Optional.of(
          storage
              .presignedGetUrl(ref, SignaturesController.LINK_LIFETIME)
              .orElse(URI.create("/v1/download/" + database + "/" + accession)));
    }
  }
}
