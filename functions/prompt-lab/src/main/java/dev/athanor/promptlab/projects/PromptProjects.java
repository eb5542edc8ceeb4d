package dev.athanor.promptlab.projects;

import dev.athanor.core.http.PathIds;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectData;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * A team's prompt-lab projects. Other prompt-lab code resolves the {@code {project_id}} of a path through
 * {@link #get(TeamId, String)} or {@link #id(String)}, so every route answers an unknown, foreign or malformed project
 * id the same way (404 "Project not found"). Deleting a project first asks every {@link PromptProjectData} store to
 * drop the project's data, then removes the project, so a failure part-way leaves a project whose delete can simply
 * be repeated.
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

    /** A page of the team's projects, by id. */
    public Page<PromptProject> list(TeamId team, PageRequest page) {
        return store.list(team, page);
    }

    /** How many projects the team has. */
    public long count(TeamId team) {
        return store.count(team);
    }

    /**
     * The project a path names.
     *
     * @throws NotFoundException when the team has no such project, or the id is not a positive integer
     */
    public PromptProject get(TeamId team, String projectId) {
        return get(team, id(projectId));
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

    /**
     * The project an outside system names by its name and model (the {@code /prompt/...} routes); a name longer
     * than any project can have names none.
     */
    public PromptProject byNameAndProvider(TeamId team, String name, String providerId) {
        if (name.length() > ProjectInput.MAX_NAME) {
            throw notFound();
        }
        return store.findByName(team, name).filter(project -> project.providerId().equals(providerId))
                .orElseThrow(PromptProjects::notFound);
    }

    /**
     * The project id of a path.
     *
     * @throws NotFoundException "Project not found" when it is not a positive integer: it names no project
     */
    public static long id(String projectId) {
        return PathIds.number(projectId, PromptProjects::notFound);
    }

    public static NotFoundException notFound() {
        return new NotFoundException("Project not found");
    }
}
