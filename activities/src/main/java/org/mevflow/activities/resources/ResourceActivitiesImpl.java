package org.mevflow.activities.resources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.mevflow.activities.temporal.Alive;
import org.mevflow.core.resources.ResourceElements;
import org.mevflow.core.resources.ResourceType;
import org.mevflow.core.resources.ResourceValidator;
import org.mevflow.core.resources.Validation;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.core.storage.ObjectStorage;
import org.mevflow.core.text.Errors;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.workflows.resources.ResourceActivities;
import org.mevflow.workflows.resources.ValidateRequest;
import org.mevflow.workflows.resources.ValidationOutcome;

/**
 * Validates stored files; valid tables get a standard TSV copy beside the upload, and their
 * observations and features are recorded (the workspace's metadata is built from them).
 */
public class ResourceActivitiesImpl implements ResourceActivities {
  private final ObjectStorage storage;
  private final ResourceRepository resources;
  private final ElementRepository elements;

  public ResourceActivitiesImpl(
      ObjectStorage storage, ResourceRepository resources, ElementRepository elements) {
    this.storage = storage;
    this.resources = resources;
    this.elements = elements;
  }

  @Override
  public ValidationOutcome check(ValidateRequest request) {
    try (Alive alive = Alive.whileWorking()) {
      return checkStored(request);
    }
  }

  private ValidationOutcome checkStored(ValidateRequest request) {
    UUID id = UUID.fromString(request.resourceId());
    ResourcesRecord row =
        resources.find(id).orElseThrow(() -> new IllegalStateException("no resource " + id));
    ResourceType type =
        ResourceType.fromKey(request.resourceType())
            .orElseThrow(
                () -> new IllegalArgumentException("unknown type " + request.resourceType()));
    ObjectRef source = ObjectRef.fromUri(URI.create(row.getStorageUri()));
    Path file = null;
    Path standard = null;
    try {
      file = Files.createTempFile("resource-", ".in");
      standard = Files.createTempFile("resource-", ".tsv");
      try (InputStream in = storage.get(source)) {
        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      }
      Validation v = ResourceValidator.validate(file, type, request.fileFormat(), standard);
      if (!v.valid()) {
        return new ValidationOutcome(false, v.message(), null, 0);
      }
      // its observations and features (WebMEV's resource metadata), replaced on every
      // validation; none for a type without them
      elements.replace(
          id, type.isTable() ? ResourceElements.extract(standard, type) : java.util.Map.of());
      if (!type.isTable()) {
        return new ValidationOutcome(true, v.message(), null, 0);
      }
      ObjectRef copy = new ObjectRef(source.bucket(), "standard/" + id + "/" + type.key() + ".tsv");
      long size =
          storage.put(copy, standard, new Content("text/tab-separated-values", null)).size();
      return new ValidationOutcome(true, v.message(), storage.uri(copy).toString(), size);
    } catch (IOException e) {
      throw new UncheckedIOException("validating " + source + ": " + Errors.describe(e), e);
    } finally {
      for (Path p : new Path[] {file, standard}) {
        if (p != null) {
          try {
            Files.deleteIfExists(p);
          } catch (IOException ignored) {
            // temporary
          }
        }
      }
    }
  }

  @Override
  public void record(ValidateRequest request, ValidationOutcome outcome) {
    UUID id = UUID.fromString(request.resourceId());
    if (outcome.valid()) {
      boolean standardized = outcome.standardUri() != null;
      resources.validated(
          id,
          request.resourceType(),
          standardized ? "tsv" : request.fileFormat(),
          outcome.standardUri(),
          standardized ? outcome.size() : null,
          outcome.message());
    } else {
      String type =
          ResourceType.fromKey(request.resourceType())
              .map(ResourceType::title)
              .orElse(request.resourceType());
      resources.rejected(id, "not a valid " + type + ": " + outcome.message());
    }
  }
}
