package org.mevflow.api.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.mevflow.api.ApiApplication;
import org.mevflow.testing.TestDatabaseInitializer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/**
 * A test of the API as callers see it: the real Spring context on a random port, a fresh migrated
 * PostgreSQL database, Temporal's in-memory test server, and a {@link TestClock} the test moves.
 * Tests sharing this annotation share one context (and database): use unique names.
 */
@Tag("component")
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
    classes = {ApiApplication.class, TestClock.Config.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.temporal.test-server.enabled=true",
      "mevflow.temporal.register-search-attributes=true",
      "spring.jooq.sql-dialect=postgres",
      "spring.main.banner-mode=off",
      "mevflow.security.secret=test-secret-of-at-least-thirty-two-bytes",
      // every test calls from 127.0.0.1: the per-address budget is LoginThrottleApiTest's own
      "mevflow.security.login-failures-per-address=1000",
      "mevflow.api.cors-allowed-origins=http://front.example",
      // a fresh folder per run: the database is fresh each run, so ids repeat across runs
      "mevflow.storage.local.root=target/test-storage/${random.uuid}",
      "mevflow.signatures.max-submission-bytes=2000000",
      "mevflow.signatures.max-submission-json-bytes=20000000",
      "mevflow.signatures.max-submission-hashes=500000",
      "mevflow.resources.max-upload-bytes=1000000"
    })
@ContextConfiguration(initializers = TestDatabaseInitializer.class)
public @interface ApiTest {}
