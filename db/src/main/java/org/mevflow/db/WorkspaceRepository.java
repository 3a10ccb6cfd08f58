package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.EXECUTIONS;
import static org.mevflow.db.jooq.Tables.EXECUTION_INPUTS;
import static org.mevflow.db.jooq.Tables.WORKSPACES;
import static org.mevflow.db.jooq.Tables.WORKSPACE_RESOURCES;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;

/** Workspaces and the resources in them. Every method is scoped to one owner. */
public class WorkspaceRepository {
  private final DSLContext db;

  public WorkspaceRepository(DSLContext db) {
    this.db = db;
  }

  /** Thrown when the owner already has a workspace of that name. */
  public static class DuplicateName extends RuntimeException {
    public DuplicateName(String name) {
      super("you already have a workspace named '" + name + "'");
    }
  }

  public WorkspacesRecord create(long owner, String name) {
    try {
      return db.insertInto(WORKSPACES)
          .set(WORKSPACES.ID, UUID.randomUUID())
          .set(WORKSPACES.OWNER_ID, owner)
          .set(WORKSPACES.NAME, name)
          .returning()
          .fetchOne();
    } catch (RuntimeException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DuplicateName(name);
      }
      throw e;
    }
  }

  public List<WorkspacesRecord> owned(long owner) {
    return db.selectFrom(WORKSPACES)
        .where(WORKSPACES.OWNER_ID.eq(owner))
        .orderBy(WORKSPACES.CREATED_AT)
        .fetch();
  }

  public Optional<WorkspacesRecord> find(long owner, UUID id) {
    return db.selectFrom(WORKSPACES)
        .where(WORKSPACES.ID.eq(id).and(WORKSPACES.OWNER_ID.eq(owner)))
        .fetchOptional();
  }

  public WorkspacesRecord rename(long owner, UUID id, String name) {
    try {
      db.update(WORKSPACES)
          .set(WORKSPACES.NAME, name)
          .set(WORKSPACES.UPDATED_AT, OffsetDateTime.now())
          .where(WORKSPACES.ID.eq(id).and(WORKSPACES.OWNER_ID.eq(owner)))
          .execute();
    } catch (RuntimeException e) {
      if (Sql.isUniqueViolation(e)) {
        throw new DuplicateName(name);
      }
      throw e;
    }
    return find(owner, id).orElseThrow();
  }

  public boolean delete(long owner, UUID id) {
    return db.deleteFrom(WORKSPACES)
            .where(WORKSPACES.ID.eq(id).and(WORKSPACES.OWNER_ID.eq(owner)))
            .execute()
        == 1;
  }

  /** Adds a resource; false if it was there already. */
  public boolean add(UUID workspace, UUID resource) {
    return db.insertInto(WORKSPACE_RESOURCES)
            .set(WORKSPACE_RESOURCES.WORKSPACE_ID, workspace)
            .set(WORKSPACE_RESOURCES.RESOURCE_ID, resource)
            .onConflictDoNothing()
            .execute()
        == 1;
  }

  public boolean remove(UUID workspace, UUID resource) {
    return db.deleteFrom(WORKSPACE_RESOURCES)
            .where(WORKSPACE_RESOURCES.WORKSPACE_ID.eq(workspace))
            .and(WORKSPACE_RESOURCES.RESOURCE_ID.eq(resource))
            .execute()
        == 1;
  }

  /** Has an execution in this workspace used the resource as an input? */
  public boolean usedByAnExecution(UUID workspace, UUID resource) {
    return db.fetchExists(
        db.selectOne()
            .from(EXECUTION_INPUTS)
            .join(EXECUTIONS)
            .on(EXECUTIONS.ID.eq(EXECUTION_INPUTS.EXECUTION_ID))
            .where(EXECUTION_INPUTS.RESOURCE_ID.eq(resource))
            .and(EXECUTIONS.WORKSPACE_ID.eq(workspace)));
  }

  /** The workspaces (id, name) a resource is in. */
  public List<WorkspacesRecord> containing(UUID resource) {
    return containing(List.of(resource)).getOrDefault(resource, List.of());
  }

  /** The workspaces each of these resources is in (by name), in one query. */
  public Map<UUID, List<WorkspacesRecord>> containing(Collection<UUID> resources) {
    Map<UUID, List<WorkspacesRecord>> out = new HashMap<>();
    if (resources.isEmpty()) {
      return out;
    }
    db.select(WORKSPACE_RESOURCES.RESOURCE_ID)
        .select(WORKSPACES.fields())
        .from(WORKSPACES)
        .join(WORKSPACE_RESOURCES)
        .on(WORKSPACE_RESOURCES.WORKSPACE_ID.eq(WORKSPACES.ID))
        .where(WORKSPACE_RESOURCES.RESOURCE_ID.in(resources))
        .orderBy(WORKSPACES.NAME)
        .forEach(
            r ->
                out.computeIfAbsent(r.get(WORKSPACE_RESOURCES.RESOURCE_ID), k -> new ArrayList<>())
                    .add(r.into(WORKSPACES)));
    return out;
  }

  public List<UUID> resources(UUID workspace) {
    return db.select(WORKSPACE_RESOURCES.RESOURCE_ID)
        .from(WORKSPACE_RESOURCES)
        .where(WORKSPACE_RESOURCES.WORKSPACE_ID.eq(workspace))
        .orderBy(WORKSPACE_RESOURCES.ADDED_AT)
        .fetch(WORKSPACE_RESOURCES.RESOURCE_ID);
  }
}
