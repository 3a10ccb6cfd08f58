package org.mevflow.core.operations;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The container images of an operation, named as WebMEV names them: the image built for a
 * repository at a commit is {@code <registry>/<org>/<repo>:<tag>}, where the GitHub registry tags
 * {@code sha-<commit>} and Docker Hub the bare commit. A {@code local_docker} operation runs that
 * image. A Cromwell operation's WDL names its images in {@code runtime { docker: "..." }}: an
 * untagged image named after the repository is pinned to the commit's tag; an image of another name
 * must carry a tag (it is someone else's, and an untagged one could change under the operation); a
 * tagged one is kept.
 */
public final class ContainerImages {
  /** Where images are published: {@code github} (ghcr.io) or {@code dockerhub} (docker.io). */
  public record Registry(String kind, String org) {
    public Registry {
      kind = kind == null || kind.isBlank() ? "github" : kind.strip().toLowerCase(Locale.ROOT);
      org = org == null || org.isBlank() ? "web-mev" : org.strip();
      if (!kind.equals("github") && !kind.equals("dockerhub")) {
        throw new IllegalArgumentException(
            "image registry '" + kind + "' is not known; use github or dockerhub");
      }
    }

    /** WebMEV's defaults: GitHub's registry, organisation web-mev. */
    public static Registry webMev() {
      return new Registry("github", "web-mev");
    }

    String prefix() {
      return kind.equals("github") ? "ghcr.io" : "docker.io";
    }
  }

  private static final Pattern TASK = Pattern.compile("\\btask\\s+\\w+\\s*\\{");
  private static final Pattern RUNTIME = Pattern.compile("\\bruntime\\s*\\{(.*?)}", Pattern.DOTALL);
  private static final Pattern DOCKER = Pattern.compile("\\bdocker\\s*:\\s*\"([^\"]*)\"");
  private static final Map<String, String> TAG_FORMATS =
      Map.of("ghcr.io", "sha-%s", "docker.io", "%s");

  private ContainerImages() {}

  /** The image WebMEV builds for {@code repository} at {@code commit}. */
  public static String forCommit(Registry registry, String repository, String commit) {
    return registry.prefix()
        + "/"
        + registry.org().toLowerCase(Locale.ROOT)
        + "/"
        + repository.toLowerCase(Locale.ROOT)
        + ":"
        + TAG_FORMATS.get(registry.prefix()).formatted(commit);
  }

  /** A repository's name from its URL or folder: the last path segment, without {@code .git}. */
  public static String repositoryName(String source) {
    String s = source.strip();
    while (s.endsWith("/")) {
      s = s.substring(0, s.length() - 1);
    }
    String last = s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
    return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
  }

  /**
   * The images each task of a WDL names, checked as WebMEV checks them: every task has a runtime
   * section naming its image.
   */
  public static Set<String> inWdl(String file, String wdl) throws OperationSpec.Invalid {
    int tasks = 0;
    for (Matcher t = TASK.matcher(wdl); t.find(); ) {
      tasks++;
    }
    Set<String> images = new LinkedHashSet<>();
    int runtimes = 0;
    for (Matcher r = RUNTIME.matcher(wdl); r.find(); ) {
      runtimes++;
      Matcher d = DOCKER.matcher(r.group(1));
      if (!d.find()) {
        throw new OperationSpec.Invalid(
            file + ": a runtime section names no docker image: runtime {" + r.group(1) + "}");
      }
      images.add(d.group(1).strip());
    }
    if (runtimes != tasks) {
      throw new OperationSpec.Invalid(
          file
              + ": "
              + tasks
              + " task(s) but "
              + runtimes
              + " runtime section(s); every task names its docker image in its runtime");
    }
    return images;
  }

  /**
   * How each image of the WDL files is pinned for {@code repository} at {@code commit}: image as
   * written to image as run (the same when already pinned).
   */
  public static Map<String, String> pins(
      Registry registry, Set<String> images, String repository, String commit)
      throws OperationSpec.Invalid {
    Map<String, String> pins = new LinkedHashMap<>();
    for (String image : images) {
      int slash = image.lastIndexOf('/');
      int colon = image.lastIndexOf(':');
      boolean tagged = colon > slash;
      String path = tagged ? image.substring(0, colon) : image;
      String[] parts = path.split("/");
      if (parts.length < 2 || parts.length > 3) {
        throw new OperationSpec.Invalid(
            "docker image '"
                + image
                + "' cannot be read: name it with its registry and account, as"
                + " ghcr.io/<org>/<image>[:<tag>]");
      }
      String name = parts[parts.length - 1];
      if (name.equalsIgnoreCase(repository)) {
        if (tagged) {
          pins.put(image, image);
        } else {
          String format = TAG_FORMATS.get(parts[0]);
          if (format == null) {
            throw new OperationSpec.Invalid(
                "docker image '"
                    + image
                    + "' is in registry '"
                    + parts[0]
                    + "', which WebMEV does not tag by commit (ghcr.io or docker.io)");
          }
          pins.put(image, image + ":" + format.formatted(commit));
        }
      } else if (!tagged) {
        throw new OperationSpec.Invalid(
            "docker image '"
                + image
                + "' is not this repository's ("
                + repository
                + ") and has no tag: an external image must be pinned to a tag");
      } else {
        pins.put(image, image);
      }
    }
    return pins;
  }

  /** The WDL with each runtime's image replaced by its pin. */
  public static String pin(String wdl, Map<String, String> pins) {
    StringBuilder out = new StringBuilder();
    Matcher r = RUNTIME.matcher(wdl);
    int last = 0;
    while (r.find()) {
      out.append(wdl, last, r.start(1));
      String section = r.group(1);
      Matcher d = DOCKER.matcher(section);
      StringBuilder s = new StringBuilder();
      int at = 0;
      while (d.find()) {
        String image = d.group(1).strip();
        s.append(section, at, d.start(1)).append(pins.getOrDefault(image, d.group(1)));
        at = d.end(1);
      }
      s.append(section.substring(at));
      out.append(s);
      last = r.end(1);
    }
    out.append(wdl.substring(last));
    return out.toString();
  }
}
