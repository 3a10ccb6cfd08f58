package org.mevflow.core.operations;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How ingested operations name their images ({@code mevflow.operations.*}): the registry WebMEV's
 * images are published to ({@code github}: {@code ghcr.io}, tags {@code sha-<commit>}; {@code
 * dockerhub}: {@code docker.io}, tags {@code <commit>}) and the organisation (WebMEV's
 * DOCKER_REPO_ORG; {@code web-mev}).
 */
@ConfigurationProperties("mevflow.operations")
public record OperationSettings(String imageRegistry, String imageOrg) {
  public ContainerImages.Registry registry() {
    return new ContainerImages.Registry(imageRegistry, imageOrg);
  }
}
