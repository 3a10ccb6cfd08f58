package org.mevflow.api.resources;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mevflow.api.security.JwtTokens;
import org.mevflow.api.security.MevflowUser;
import org.mevflow.api.testing.ApiSlice;
import org.mevflow.db.ResourceRepository;
import org.mevflow.db.WorkspaceRepository;
import org.mevflow.db.jooq.tables.records.ResourcesRecord;
import org.mevflow.db.jooq.tables.records.WorkspacesRecord;
import org.mevflow.db.type.ResourceStatus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * WebMEV's workspace routes with the repositories mocked: what the front end is answered (codes,
 * WebMEV's {@code error} member in every refusal) and what is never written on a refusal. The
 * repositories' own rules run on PostgreSQL in {@code WorkspaceRepositoryTest}; the routes on the
 * whole stack in {@link WorkspacesAndResourcesTest}.
 */
@ApiSlice(WorkspacesController.class)
@Import(ResourceViews.class)
class WorkspacesControllerTest {
  static final String JWT = "header.payload.signature";
  static final MevflowUser ANN =
      new MevflowUser(7, "ann", "ann@example.org", false, MevflowUser.Credential.JWT, null);

  @Autowired MockMvc mvc;
  @Autowired JwtTokens jwt;
  @MockitoBean WorkspaceRepository workspaces;
  @MockitoBean ResourceRepository resources;

  @BeforeEach
  void signedIn() {
    when(jwt.authenticate(JWT, JwtTokens.Type.ACCESS)).thenReturn(ANN);
  }

  private static MockHttpServletRequestBuilder asAnn(MockHttpServletRequestBuilder request) {
    return request.header("Authorization", "Bearer " + JWT);
  }

  private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder r, String body) {
    return asAnn(r).contentType(MediaType.APPLICATION_JSON).content(body);
  }

  private static WorkspacesRecord workspace(String name) {
    return new WorkspacesRecord()
        .setId(UUID.randomUUID())
        .setOwnerId(ANN.id())
        .setName(name)
        .setCreatedAt(OffsetDateTime.parse("2026-12-01T10:00:00Z"));
  }

  @Test
  void aWorkspaceIsCreatedWithItsNameStrippedAndOwnedByTheCaller() throws Exception {
    WorkspacesRecord created = workspace("tumour study");
    when(workspaces.create(ANN.id(), "tumour study")).thenReturn(created);

    mvc.perform(json(post("/api/workspaces/"), "{\"workspace_name\": \"  tumour study \"}"))
        .andExpect(status().isCreated())
        .andExpect(jsonPath("$.id").value(created.getId().toString()))
        .andExpect(jsonPath("$.workspace_name").value("tumour study"))
        .andExpect(jsonPath("$.owner_email").value("ann@example.org"))
        .andExpect(jsonPath("$.url").value(containsString("/api/workspaces/" + created.getId())));
  }

  @Test
  void aNameMissingTooLongOrTakenIsRefusedWithWebMevsErrorMember() throws Exception {
    for (String body :
        new String[] {
          "{}", "{\"workspace_name\": \"   \"}", "{\"workspace_name\": \"" + "x".repeat(256) + "\"}"
        }) {
      mvc.perform(json(post("/api/workspaces/"), body))
          .andExpect(status().isBadRequest())
          .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
          .andExpect(jsonPath("$.error").value(containsString("'workspace_name'")));
    }
    mvc.perform(json(post("/api/workspaces/"), "{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    verify(workspaces, never()).create(anyLong(), anyString());

    when(workspaces.create(ANN.id(), "taken"))
        .thenThrow(new WorkspaceRepository.DuplicateName("taken"));
    mvc.perform(json(post("/api/workspaces/"), "{\"workspace_name\": \"taken\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value("you already have a workspace named 'taken'"));
  }

  @Test
  void aWorkspaceIsRenamedAndDeletedByItsOwner() throws Exception {
    WorkspacesRecord w = workspace("study");
    when(workspaces.find(ANN.id(), w.getId())).thenReturn(Optional.of(w));
    when(workspaces.rename(ANN.id(), w.getId(), "renamed"))
        .thenReturn(workspace("renamed").setId(w.getId()));

    mvc.perform(
            json(patch("/api/workspaces/" + w.getId() + "/"), "{\"workspace_name\":\"renamed\"}"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.workspace_name").value("renamed"));
    mvc.perform(asAnn(delete("/api/workspaces/" + w.getId() + "/")))
        .andExpect(status().isNoContent());
    verify(workspaces).delete(ANN.id(), w.getId());
  }

  @Test
  void withoutATokenNothingIsListedOrCreated() throws Exception {
    mvc.perform(get("/api/workspaces/"))
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    mvc.perform(
            post("/api/workspaces/")
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"workspace_name\": \"x\"}"))
        .andExpect(status().isUnauthorized());
    verify(workspaces, never()).create(anyLong(), anyString());
  }

  @Test
  void anotherOwnersWorkspaceOrAMalformedIdIsNotFound() throws Exception {
    UUID bobs = UUID.randomUUID();
    when(workspaces.find(ANN.id(), bobs)).thenReturn(Optional.empty());
    mvc.perform(asAnn(get("/api/workspaces/" + bobs + "/")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value("no workspace " + bobs));
    mvc.perform(asAnn(get("/api/workspaces/not-a-uuid/"))).andExpect(status().isNotFound());
  }

  @Test
  void onlyTheCallersValidatedResourcesAreAdded() throws Exception {
    WorkspacesRecord w = workspace("study");
    when(workspaces.find(ANN.id(), w.getId())).thenReturn(Optional.of(w));
    UUID unvalidated = UUID.randomUUID();
    when(resources.visible(ANN.id(), unvalidated))
        .thenReturn(
            Optional.of(
                new ResourcesRecord()
                    .setId(unvalidated)
                    .setOwnerId(ANN.id())
                    .setName("counts.tsv")
                    .setStatus(ResourceStatus.UNVALIDATED)));
    UUID publicOne = UUID.randomUUID();
    when(resources.visible(ANN.id(), publicOne))
        .thenReturn(
            Optional.of(
                new ResourcesRecord()
                    .setId(publicOne)
                    .setName("public.tsv")
                    .setStatus(ResourceStatus.VALID)));
    String add = "/api/workspaces/" + w.getId() + "/resources/add/";

    mvc.perform(json(post(add), "{\"resource_uuid\": \"" + unvalidated + "\"}"))
        .andExpect(status().isBadRequest())
        .andExpect(
            jsonPath("$.error")
                .value("resource 'counts.tsv' has no validated type yet; set its type first"));
    for (String body :
        new String[] {
          "{\"resource_uuid\": \"" + publicOne + "\"}", "{}", "{\"resource_uuid\": 5}"
        }) {
      mvc.perform(json(post(add), body))
          .andExpect(status().isBadRequest())
          .andExpect(jsonPath("$.error").value("'resource_uuid' names none of your resources"));
    }
    verify(workspaces, never()).add(any(), any());
  }

  @Test
  void aResourceAnAnalysisUsedStaysAndOneNotThereIsNotFound() throws Exception {
    WorkspacesRecord w = workspace("study");
    when(workspaces.find(ANN.id(), w.getId())).thenReturn(Optional.of(w));
    UUID used = UUID.randomUUID();
    UUID absent = UUID.randomUUID();
    when(workspaces.usedByAnExecution(w.getId(), used)).thenReturn(true);
    when(workspaces.remove(w.getId(), absent)).thenReturn(false);

    mvc.perform(asAnn(get("/api/workspaces/" + w.getId() + "/resources/" + used + "/remove/")))
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.error").value(containsString("stays in it")));
    verify(workspaces, never()).remove(w.getId(), used);
    mvc.perform(asAnn(get("/api/workspaces/" + w.getId() + "/resources/" + absent + "/remove/")))
        .andExpect(status().isNotFound())
        .andExpect(jsonPath("$.error").value(containsString("is not in this workspace")));
  }
}
