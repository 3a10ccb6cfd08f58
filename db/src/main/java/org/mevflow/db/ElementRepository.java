package org.mevflow.db;

import static org.mevflow.db.jooq.Tables.RESOURCES;
import static org.mevflow.db.jooq.Tables.RESOURCE_ELEMENTS;
import static org.mevflow.db.jooq.Tables.WORKSPACE_RESOURCES;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.mevflow.db.type.ElementKind;
import org.mevflow.db.type.ResourceStatus;

/**
 * The observations and features of resources (their metadata, as WebMEV calls it), and their union
 * over a workspace's valid resources, a page at a time.
 */
public class ElementRepository {
  static final int BATCH = 1000;

  private final DSLContext db;

  public ElementRepository(DSLContext db) {
    this.db = db;
  }

  /** One element: its id and its attributes as WebMEV serialises them (a JSON object). */
  public record Element(String id, String attributesJson) {}

  /** A page of a workspace's elements and how many there are in all. */
  public record Page(long count, List<Element> elements) {}

  /** Replaces a resource's elements (in one transaction): what its latest valid type yielded. */
  public void replace(UUID resource, Map<ElementKind, List<Element>> elements) {
    db.transaction(
        tx -> {
          DSLContext t = tx.dsl();
          t.deleteFrom(RESOURCE_ELEMENTS)
              .where(RESOURCE_ELEMENTS.RESOURCE_ID.eq(resource))
              .execute();
          for (var e : elements.entrySet()) {
            List<Element> list = e.getValue();
            for (int from = 0; from < list.size(); from += BATCH) {
              var insert =
                  t.insertInto(
                      RESOURCE_ELEMENTS,
                      RESOURCE_ELEMENTS.RESOURCE_ID,
                      RESOURCE_ELEMENTS.KIND,
                      RESOURCE_ELEMENTS.ELEMENT_ID,
                      RESOURCE_ELEMENTS.ATTRIBUTES);
              for (Element el : list.subList(from, Math.min(list.size(), from + BATCH))) {
                insert =
                    insert.values(
                        resource, e.getKey(), el.id(), JSONB.valueOf(el.attributesJson()));
              }
              insert.onConflictDoNothing().execute();
            }
          }
        });
  }

  /** A resource's elements of a kind, by id; empty when it has none. */
  public List<Element> of(UUID resource, ElementKind kind) {
    return db.select(RESOURCE_ELEMENTS.ELEMENT_ID, RESOURCE_ELEMENTS.ATTRIBUTES)
        .from(RESOURCE_ELEMENTS)
        .where(RESOURCE_ELEMENTS.RESOURCE_ID.eq(resource))
        .and(RESOURCE_ELEMENTS.KIND.eq(kind))
        .orderBy(RESOURCE_ELEMENTS.ELEMENT_ID)
        .fetch(r -> new Element(r.value1(), r.value2().data()));
  }

  private static Condition inWorkspace(UUID workspace, ElementKind kind) {
    return RESOURCE_ELEMENTS
        .KIND
        .eq(kind)
        .and(
            RESOURCE_ELEMENTS.RESOURCE_ID.in(
                DSL.select(WORKSPACE_RESOURCES.RESOURCE_ID)
                    .from(WORKSPACE_RESOURCES)
                    .join(RESOURCES)
                    .on(RESOURCES.ID.eq(WORKSPACE_RESOURCES.RESOURCE_ID))
                    .where(WORKSPACE_RESOURCES.WORKSPACE_ID.eq(workspace))
                    .and(RESOURCES.STATUS.eq(ResourceStatus.VALID))));
  }

  /**
   * A page of the union of a workspace's elements of a kind, by id: each element once, with the
   * attributes of every resource that has it (a later resource's value for the same attribute wins,
   * in resource id order).
   */
  public Page workspace(UUID workspace, ElementKind kind, long offset, int limit) {
    long count =
        db.select(DSL.countDistinct(RESOURCE_ELEMENTS.ELEMENT_ID))
            .from(RESOURCE_ELEMENTS)
            .where(inWorkspace(workspace, kind))
            .fetchOne(0, Long.class);
    List<String> ids =
        db.selectDistinct(RESOURCE_ELEMENTS.ELEMENT_ID)
            .from(RESOURCE_ELEMENTS)
            .where(inWorkspace(workspace, kind))
            .orderBy(RESOURCE_ELEMENTS.ELEMENT_ID)
            .offset(offset)
            .limit(limit)
            .fetch(RESOURCE_ELEMENTS.ELEMENT_ID);
    List<Element> page = new ArrayList<>();
    if (!ids.isEmpty()) {
      // every resource's attributes of an element, merged in resource id order (later wins)
      var merged =
          DSL.field(
              "coalesce(jsonb_object_agg(a.key, a.value order by {0}) filter (where a.key is not"
                  + " null), '{}'::jsonb)::text",
              String.class, RESOURCE_ELEMENTS.RESOURCE_ID);
      db.select(RESOURCE_ELEMENTS.ELEMENT_ID, merged)
          .from(RESOURCE_ELEMENTS)
          .leftJoin(
              DSL.lateral(DSL.table("jsonb_each({0})", RESOURCE_ELEMENTS.ATTRIBUTES))
                  .as("a", "key", "value"))
          .on(DSL.trueCondition())
          .where(inWorkspace(workspace, kind))
          .and(RESOURCE_ELEMENTS.ELEMENT_ID.in(ids))
          .groupBy(RESOURCE_ELEMENTS.ELEMENT_ID)
          .orderBy(RESOURCE_ELEMENTS.ELEMENT_ID)
          .forEach(r -> page.add(new Element(r.value1(), r.value2())));
    }
    return new Page(count, page);
  }
}
