package org.mevflow.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;
import org.mevflow.testing.RepositoryTest;
import org.springframework.beans.factory.annotation.Autowired;

/** WebMEV's workspaces: names unique per owner, one owner's never another's, resources in them. */
@RepositoryTest
class WorkspaceRepositoryTest {
  @Autowired WorkspaceRepository workspaces;
  @Autowired UserRepository users;
  @Autowired ResourceRepository resources;

  private long user() {
    String name = "u" + UUID.randomUUID().toString().substring(0, 8);
    return users.create(name, name + "@example.org", "x", false).getId();
  }

  private UUID resource(long owner) {
    UUID id = UUID.randomUUID();
    resources.createUploaded(id, owner, "counts.tsv", "file://b/" + id, 10, "md5");
    return id;
  }

  @Test
  void aNameIsUniquePerOwnerNotAcrossOwners() {
    long ann = user();
    long bob = user();
    WorkspacesRecord first = workspaces.create(ann, "tumour study");
    assertThatThrownBy(() -> workspaces.create(ann, "tumour study"))
        .isInstanceOf(WorkspaceRepository.DuplicateName.class)
        .hasMessage("you already have a workspace named 'tumour study'");
    assertThat(workspaces.create(bob, "tumour study").getOwnerId()).isEqualTo(bob);

    WorkspacesRecord second = workspaces.create(ann, "control");
    assertThatThrownBy(() -> workspaces.rename(ann, second.getId(), "tumour study"))
        .isInstanceOf(WorkspaceRepository.DuplicateName.class);
    assertThat(workspaces.rename(ann, second.getId(), "controls").getName()).isEqualTo("controls");
    assertThat(workspaces.owned(ann))
        .extracting(WorkspacesRecord::getId)
        .containsExactly(first.getId(), second.getId());
  }

  @Test
  void anotherOwnersWorkspaceCannotBeSeenRenamedOrDeleted() {
    long ann = user();
    long bob = user();
    UUID id = workspaces.create(ann, "mine").getId();
    assertThat(workspaces.find(bob, id)).isEmpty();
    assertThat(workspaces.owned(bob)).isEmpty();
    assertThat(workspaces.delete(bob, id)).isFalse();
    assertThat(workspaces.find(ann, id)).isPresent();
    assertThat(workspaces.delete(ann, id)).isTrue();
    assertThat(workspaces.find(ann, id)).isEmpty();
  }

  @Test
  void aResourceIsAddedOnceAndTheWorkspacesHoldingItAreListedByName() {
    long ann = user();
    UUID b = workspaces.create(ann, "b study").getId();
    UUID a = workspaces.create(ann, "a study").getId();
    UUID counts = resource(ann);
    UUID other = resource(ann);

    assertThat(workspaces.add(a, counts)).isTrue();
    assertThat(workspaces.add(a, counts)).as("already there").isFalse();
    assertThat(workspaces.add(b, counts)).isTrue();
    assertThat(workspaces.add(b, other)).isTrue();

    assertThat(workspaces.resources(b)).containsExactly(counts, other);
    assertThat(workspaces.containing(counts))
        .extracting(WorkspacesRecord::getName)
        .containsExactly("a study", "b study");
    assertThat(workspaces.containing(List.of(counts, other)).get(other))
        .extracting(WorkspacesRecord::getId)
        .containsExactly(b);
    assertThat(workspaces.containing(List.of())).isEmpty();

    assertThat(workspaces.remove(a, counts)).isTrue();
    assertThat(workspaces.remove(a, counts)).isFalse();
    assertThat(workspaces.containing(counts))
        .extracting(WorkspacesRecord::getId)
        .containsExactly(b);
    assertThat(workspaces.usedByAnExecution(b, counts)).isFalse();
  }
}
