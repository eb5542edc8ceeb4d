package dev.athanor.model.orchestrator;

/** What a caller decides about an orchestrator project; the store adds its id, slot and times. */
public record ProjectDraft(String name, ProjectType type, ProjectStatus status, String githubRepo,
                           ProjectConfiguration config) {

    public static ProjectDraft of(OrchestratorProject project) {
        return new ProjectDraft(project.name(), project.type(), project.status(), project.githubRepo(),
                project.config());
    }
}
