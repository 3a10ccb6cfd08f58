package org.mevflow.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.mevflow.db.Repositories;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.jooq.JooqTest;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A slice test of the repositories: jOOQ's auto-configuration over a fresh migrated database on the
 * embedded PostgreSQL ({@link TestPostgres}), every repository as a bean, nothing else. Statements
 * commit as they do in the processes (no test transaction rolled back around them), so a
 * constraint's refusal is seen as callers see it; tests sharing this annotation share one database,
 * so they use their own users.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@JooqTest(properties = "spring.flyway.enabled=false") // the template database is migrated already
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ContextConfiguration(classes = Repositories.class, initializers = TestDatabaseInitializer.class)
public @interface RepositoryTest {}
