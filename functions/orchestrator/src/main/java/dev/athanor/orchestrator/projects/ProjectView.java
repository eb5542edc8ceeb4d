package dev.athanor.orchestrator.projects;

import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectTaskStats;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

/** A project as the API shows it (the document's Project model): with what its tasks add up to, nulls included. */
@Serdeable(naming = SnakeCaseStrategy.class)
public record ProjectView(String id, String name, String type, String status, String githubRepo, String slot,
                          ProjectConfiguration config, long totalTasks, long successfulTasks, double avgQuality,
                          double totalCost, String createdAt, String updatedAt) {

    static ProjectView of(OrchestratorProject project, ProjectTaskStats stats) {
        return new ProjectView(project.id(), project.name(), project.type().wireName(), project.status().wireName(),
                project.githubRepo(), project.slot().label(), project.config(), stats.totalTasks(),
                stats.successfulTasks(), stats.avgQuality(), stats.totalCost(), project.createdAt().toString(),
                project.updatedAt().toString());
    }
}
