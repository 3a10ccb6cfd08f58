package org.mevflow.activities.resources;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mevflow.activities.testing.Histories;
import org.mevflow.core.storage.Content;
import org.mevflow.core.storage.LocalObjectStorage;
import org.mevflow.core.storage.ObjectRef;
import org.mevflow.db.ElementRepository;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.UserRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.type.ElementKind;
import org.mevflow.db.type.ResourceStatus;
import org.mevflow.testing.TestPostgres;
import org.mevflow.workflows.TaskQueues;
import org.mevflow.workflows.resources.ValidateRequest;
import org.mevflow.workflows.resources.ValidateResourceWorkflow;
import org.mevflow.workflows.resources.ValidateResourceWorkflowImpl;

/** Setting a type, end to end: real database, local storage, the real workflow and activity. */
@Tag("component")
class ValidateResourceWorkflowTest {
  @TempDir Path dir;
  TestWorkflowEnvironment env;
  LocalObjectStorage storage;
  ResourceRepository resources;
  ElementRepository elements;
  long owner;

  @BeforeEach
  void setUp() throws IOException {
    DSLContext db = DSL.using(TestPostgres.newDatabase().dataSource(), SQLDialect.POSTGRES);
    resources = new ResourceRepository(db);
    elements = new ElementRepository(db);
    owner = new UserRepository(db).create("o", "o@example.org", "x", false).getId();
    storage = new LocalObjectStorage(dir.resolve("storage"));
    env = TestWorkflowEnvironment.newInstance();
    org.mevflow.workflows.operators.Search.registrations().forEach(env::registerSearchAttribute);
    env.newWorker(TaskQueues.ANALYSES)
        .registerWorkflowImplementationTypes(ValidateResourceWorkflowImpl.class);
    env.newWorker(TaskQueues.ANALYSES)
        .registerActivitiesImplementations(
            new ResourceActivitiesImpl(storage, resources, elements));
    env.start();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private UUID upload(String content) throws IOException {
    UUID id = UUID.randomUUID();
    ObjectRef ref = new ObjectRef("mevflow-resources", "users/1/" + id + "/m.csv");
    storage.put(ref, Files.writeString(dir.resolve(id + ".in"), content), Content.OCTET_STREAM);
    resources.createUploaded(
        id, owner, "m.csv", storage.uri(ref).toString(), content.length(), "sha256:x");
    return id;
  }

  private ResourcesRecord validate(UUID id, String type, String format) {
    String workflowId = "validate-" + UUID.randomUUID();
    resources.startValidation(id, workflowId, type, format);
    env.getWorkflowClient()
        .newWorkflowStub(
            ValidateResourceWorkflow.class,
            WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.ANALYSES)
                .setWorkflowId(workflowId)
                .build())
        .validate(new ValidateRequest(id.toString(), type, format));
    Histories.record(
        env.getWorkflowClient(), workflowId, "validate-" + type + "-" + format + "-" + (++runs));
    return resources.find(id).orElseThrow();
  }

  private static int runs;

  @Test
  void aValidTableGetsItsTypeAndAStandardTsvCopy() throws IOException {
    UUID id = upload("gene,a,b\nX,1,2\nY,3,4\n");
    ResourcesRecord r = validate(id, "EXP_MTX", "csv");
    assertThat(r.getStatus()).isEqualTo(ResourceStatus.VALID);
    assertThat(r.getResourceType()).isEqualTo("EXP_MTX");
    assertThat(r.getFileFormat()).isEqualTo("tsv");
    assertThat(r.getStatusMessage()).isEqualTo("2 rows, 2 columns");
    assertThat(r.getStorageUri()).endsWith("/standard/" + id + "/EXP_MTX.tsv");
    try (var in = storage.get(ObjectRef.fromUri(java.net.URI.create(r.getStorageUri())))) {
      assertThat(new String(in.readAllBytes())).isEqualTo("gene\ta\tb\nX\t1\t2\nY\t3\t4\n");
    }
    // a matrix's columns are its observations, its rows its features
    assertThat(elements.of(id, ElementKind.OBSERVATION))
        .extracting(ElementRepository.Element::id)
        .containsExactly("a", "b");
    assertThat(elements.of(id, ElementKind.FEATURE))
        .extracting(ElementRepository.Element::id)
        .containsExactly("X", "Y");
  }

  @Test
  void anAnnotationTableGivesObservationsWithTypedAttributes() throws Exception {
    UUID id =
        upload("sample,group,age,score,note\nS 1,case,40,0.5,first (one)\nS2,control,NA,1e-3,x\n");
    ResourcesRecord r = validate(id, "ANN", "csv");
    assertThat(r.getStatus()).isEqualTo(ResourceStatus.VALID);
    var samples = elements.of(id, ElementKind.OBSERVATION);
    assertThat(samples).extracting(ElementRepository.Element::id).containsExactly("S2", "S_1");
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var s1 = json.readTree(samples.get(1).attributesJson());
    assertThat(s1.at("/group/attribute_type").asText()).isEqualTo("String");
    assertThat(s1.at("/group/value").asText()).isEqualTo("case");
    assertThat(s1.at("/age/attribute_type").asText()).isEqualTo("Integer");
    assertThat(s1.at("/age/value").asInt()).isEqualTo(40);
    assertThat(s1.at("/score/attribute_type").asText()).isEqualTo("Float");
    assertThat(s1.at("/note/attribute_type").asText()).isEqualTo("UnrestrictedString");
    var s2 = json.readTree(samples.get(0).attributesJson());
    assertThat(s2.at("/age/value").isNull()).isTrue();
    assertThat(elements.of(id, ElementKind.FEATURE)).isEmpty();
  }

  @Test
  void aFailedTypeChangeRevertsToTheLastValidTypeAndSaysWhy() throws IOException {
    UUID id = upload("gene,a,b\nX,1.5,2\n");
    validate(id, "EXP_MTX", "csv");
    ResourcesRecord r = validate(id, "RNASEQ_COUNT_MTX", "tsv");
    assertThat(r.getStatus()).isEqualTo(ResourceStatus.VALID);
    assertThat(r.getResourceType()).isEqualTo("EXP_MTX");
    assertThat(r.getStatusMessage())
        .contains("not a valid RNA-seq count matrix")
        .contains("line 2, column 'a': '1.5' is not a count")
        .contains("kept type EXP_MTX");
  }

  @Test
  void anInvalidFirstTypeLeavesTheResourceInvalidWithTheReason() throws IOException {
    UUID id = upload("not,a\ntable\n");
    ResourcesRecord r = validate(id, "MTX", "csv");
    assertThat(r.getStatus()).isEqualTo(ResourceStatus.INVALID);
    assertThat(r.getResourceType()).isNull();
    assertThat(r.getStatusMessage()).contains("line 2: 1 fields, but the header has 2");
  }
}
