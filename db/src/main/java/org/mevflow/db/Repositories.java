package org.mevflow.db;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Every repository as a bean over the process's one {@code DSLContext}: a Spring process says
 * {@code @Import(Repositories.class)} and asks for the repositories it uses. (The commands that run
 * without Spring build the one they need with {@code new}.)
 */
@Configuration(proxyBeanMethods = false)
@Import({
  DatasetRepository.class,
  DiscoveryRepository.class,
  ElementRepository.class,
  ExecutionRepository.class,
  GenomeRepository.class,
  JobRepository.class,
  OperationRepository.class,
  ResourceRepository.class,
  SubmissionRepository.class,
  TokenRepository.class,
  UserRepository.class,
  WorkspaceRepository.class
})
public class Repositories {}
