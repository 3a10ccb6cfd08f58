package org.mevflow.core.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Image names and WDL pins, case by case as WebMEV's ingestion makes them. */
class ContainerImagesTest {
  private static final String SHA = "458d29d5c1a55d706050af8bd30d92b9621a6f55";

  @Test
  void theImageOfACommitIsNamedAsWebMevsRegistriesTagIt() {
    assertThat(ContainerImages.forCommit(ContainerImages.Registry.webMev(), "PCA", SHA))
        .isEqualTo("ghcr.io/web-mev/pca:sha-" + SHA);
    assertThat(
            ContainerImages.forCommit(
                new ContainerImages.Registry("dockerhub", "MyOrg"), "pca", SHA))
        .isEqualTo("docker.io/myorg/pca:" + SHA);
    assertThatThrownBy(() -> new ContainerImages.Registry("quay", null))
        .hasMessageContaining("'quay' is not known");
    assertThat(ContainerImages.repositoryName("https://github.com/web-mev/mev-pca.git"))
        .isEqualTo("mev-pca");
    assertThat(ContainerImages.repositoryName("git@github.com:web-mev/pca")).isEqualTo("pca");
    assertThat(ContainerImages.repositoryName("/srv/ops/pca/")).isEqualTo("pca");
  }

  @Test
  void wdlImagesArePinnedOrRefusedAsWebMevDoes() throws Exception {
    String wdl =
        "task a {\n command {}\n runtime {\n  docker: \"ghcr.io/web-mev/pca\"\n  cpu: 1\n }\n}\n"
            + "task b {\n command {}\n runtime { docker: \"docker.io/ubuntu:bionic\" }\n}\n"
            + "task c {\n command {}\n runtime { docker : \"ghcr.io/web-mev/pca:sha-old\" }\n}\n";
    Set<String> images = ContainerImages.inWdl("main.wdl", wdl);
    assertThat(images)
        .containsExactly(
            "ghcr.io/web-mev/pca", "docker.io/ubuntu:bionic", "ghcr.io/web-mev/pca:sha-old");
    var pins = ContainerImages.pins(ContainerImages.Registry.webMev(), images, "pca", SHA);
    // the repository's own untagged image gets the commit's tag; tagged ones are kept
    assertThat(pins)
        .containsEntry("ghcr.io/web-mev/pca", "ghcr.io/web-mev/pca:sha-" + SHA)
        .containsEntry("docker.io/ubuntu:bionic", "docker.io/ubuntu:bionic")
        .containsEntry("ghcr.io/web-mev/pca:sha-old", "ghcr.io/web-mev/pca:sha-old");
    String pinned = ContainerImages.pin(wdl, pins);
    assertThat(pinned)
        .contains("docker: \"ghcr.io/web-mev/pca:sha-" + SHA + "\"")
        .contains("docker: \"docker.io/ubuntu:bionic\"")
        .contains("docker : \"ghcr.io/web-mev/pca:sha-old\"");

    // an external image must be tagged; a name without its registry cannot be read
    assertThatThrownBy(
            () ->
                ContainerImages.pins(
                    ContainerImages.Registry.webMev(),
                    Set.of("docker.io/library/r-base"),
                    "pca",
                    SHA))
        .hasMessageContaining("is not this repository's (pca) and has no tag");
    assertThatThrownBy(
            () ->
                ContainerImages.pins(
                    ContainerImages.Registry.webMev(), Set.of("ubuntu:22.04"), "pca", SHA))
        .hasMessageContaining("name it with its registry");
    // every task names its image
    assertThatThrownBy(() -> ContainerImages.inWdl("x.wdl", "task a {\n command {}\n}\n"))
        .hasMessageContaining("1 task(s) but 0 runtime section(s)");
    assertThatThrownBy(() -> ContainerImages.inWdl("x.wdl", "task a {\n runtime { cpu: 1 }\n}\n"))
        .hasMessageContaining("names no docker image");
  }
}
