package org.mevflow.workflows.operators;

import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.SearchAttributes;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mevflow.db.type.JobKind;

/**
 * What operators find jobs by in the Temporal Web UI: every mevflow workflow starts with {@link
 * #KIND} and the attributes of its subject, a one-line memo {@code summary}, and keeps {@link
 * #STATUS} current as it moves. All are Keyword attributes; {@link #ALL} is what a cluster must
 * have registered ({@code ./mevflow temporal search-attributes} does it).
 */
public final class Search {
  public static final SearchAttributeKey<String> KIND =
      SearchAttributeKey.forKeyword("MevflowKind");
  public static final SearchAttributeKey<String> OWNER =
      SearchAttributeKey.forKeyword("MevflowOwner");
  public static final SearchAttributeKey<String> EXECUTION_ID =
      SearchAttributeKey.forKeyword("MevflowExecutionId");
  public static final SearchAttributeKey<String> OPERATION =
      SearchAttributeKey.forKeyword("MevflowOperation");
  public static final SearchAttributeKey<String> ACCESSION =
      SearchAttributeKey.forKeyword("MevflowAccession");
  public static final SearchAttributeKey<String> DATABASE =
      SearchAttributeKey.forKeyword("MevflowDatabase");
  public static final SearchAttributeKey<String> STATUS =
      SearchAttributeKey.forKeyword("MevflowStatus");

  public static final List<SearchAttributeKey<String>> ALL =
      List.of(KIND, OWNER, EXECUTION_ID, OPERATION, ACCESSION, DATABASE, STATUS);

  /** The memo field holding the one-line summary. */
  public static final String SUMMARY = "summary";

  private Search() {}

  /** Name to index type, for registering the attributes on a server. */
  public static Map<String, IndexedValueType> registrations() {
    Map<String, IndexedValueType> out = new LinkedHashMap<>();
    ALL.forEach(k -> out.put(k.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
    return out;
  }

  /**
   * What a job starts with: its kind, its status QUEUED, the given attributes (null values left
   * out), and the summary as a memo and as the Web UI's summary line.
   */
  public record Tags(SearchAttributes attributes, String summary) {
    public WorkflowOptions.Builder on(WorkflowOptions.Builder options) {
      return options
          .setTypedSearchAttributes(attributes)
          .setMemo(Map.of(SUMMARY, summary))
          .setStaticSummary(summary);
    }

    /** The same, for a job a workflow starts as its child. */
    public ChildWorkflowOptions.Builder on(ChildWorkflowOptions.Builder options) {
      return options
          .setTypedSearchAttributes(attributes)
          .setMemo(Map.of(SUMMARY, summary))
          .setStaticSummary(summary);
    }
  }

  public static Tags tags(
      JobKind kind, String summary, Map<SearchAttributeKey<String>, String> attributes) {
    SearchAttributes.Builder sa =
        SearchAttributes.newBuilder().set(KIND, kind.word()).set(STATUS, "QUEUED");
    attributes.forEach(
        (k, v) -> {
          if (v != null) {
            sa.set(k, v);
          }
        });
    return new Tags(sa.build(), summary);
  }

  /** Start options tagged as {@link #tags} describes. */
  public static WorkflowOptions.Builder tag(
      WorkflowOptions.Builder options,
      JobKind kind,
      String summary,
      Map<SearchAttributeKey<String>, String> attributes) {
    return tags(kind, summary, attributes).on(options);
  }

  /** From workflow code: the job's status as operators see it. */
  public static void status(String status) {
    Workflow.upsertTypedSearchAttributes(SearchAttributeUpdate.valueSet(STATUS, status));
  }
}
