package dev.athanor.promptlab.projects;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.PromptProject;
import io.micronaut.serde.annotation.Serdeable;

/** A project as the API shows it: the seed's snake_case fields, ISO-8601 UTC timestamps, nulls included. */
@Serdeable
record ProjectView(long id,
                   String name,
                   @JsonProperty("provider_id") String providerId,
                   @JsonProperty("llamastack_url") String llamastackUrl,
                   @JsonProperty("git_repo_url") String gitRepoUrl,
                   @JsonProperty("test_backend_url") String testBackendUrl,
                   String description,
                   @JsonProperty("created_at") String createdAt,
                   @JsonProperty("updated_at") String updatedAt) {

    static ProjectView of(PromptProject project) {
        return new ProjectView(project.id(), project.name(), project.providerId(), project.llamastackUrl(),
                project.gitRepoUrl(), project.testBackendUrl(), project.description(),
                project.createdAt().toString(), project.updatedAt().toString());
    }
}
