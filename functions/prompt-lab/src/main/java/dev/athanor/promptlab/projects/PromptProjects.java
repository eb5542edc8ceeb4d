package dev.athanor.promptlab.projects;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectData;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A team's prompt-lab projects. Other prompt-lab code resolves the {@code {project_id}} of a path through
 * {@link #get(TeamId, String)}, so every route answers an unknown or foreign project the same way (404 "Project not
 * found"). Deleting a project first asks every {@link PromptProjectData} store to drop the project's data, then
 * removes the project, so a failure part-way leaves a project whose delete can simply be repeated.
 */
@Singleton
@Requires(beans = PromptProjectStore.class)
public class PromptProjects {

    private final PromptProjectStore store;
    private final List<PromptProjectData> projectData;

    PromptProjects(PromptProjectStore store, List<PromptProjectData> projectData) {
        this.store = store;
        this.projectData = projectData;
    }

    public List<PromptProject> list(TeamId team) {
        return store.list(team);
    }

    /**
     * The project a path names.
     *
     * @throws InvalidInputException when the id is not an integer (422, as the seed's path validation)
     * @throws NotFoundException     when the team has no such project
     */
    public PromptProject get(TeamId team, String projectId) {
        return get(team, parseId(projectId, "project_id"));
    }

    public PromptProject get(TeamId team, long projectId) {
        return store.find(team, projectId).orElseThrow(PromptProjects::notFound);
    }

    public PromptProject create(TeamId team, PromptProjectDraft draft) {
        return store.create(team, draft);
    }

    public PromptProject update(TeamId team, long projectId, PromptProjectDraft draft) {
        return store.update(team, projectId, draft);
    }

    /** Removes the project and everything stored for it. */
    public void delete(TeamId team, long projectId) {
        get(team, projectId);
        projectData.forEach(data -> data.deleteProject(team, projectId));
        if (!store.delete(team, projectId)) {
            throw notFound();
        }
    }

    /** The project an outside system names by its name and model (the {@code /prompt/...} routes). */
    public PromptProject byNameAndProvider(TeamId team, String name, String providerId) {
        return store.findByName(team, name).filter(project -> project.providerId().equals(providerId))
                .orElseThrow(PromptProjects::notFound);
    }

    /** A positive integer id from a path. */
    public static long parseId(String value, String field) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("Invalid path: " + field + " must be a positive integer",
                java.util.Map.of(field, List.of("must be a positive integer")));
    }

    public static NotFoundException notFound() {
        return new NotFoundException("Project not found");
    }
}
