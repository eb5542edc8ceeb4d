package dev.athanor.factory.projects;

import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.projects.Project;
import dev.athanor.model.projects.ProjectDraft;
import dev.athanor.model.projects.ProjectRepository;
import dev.athanor.model.projects.ProjectRules;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A team's projects. Every write is conditional on what was read, so of two racing writers one wins and the other
 * gets a {@link ConflictException} (409) instead of silently overwriting it. Other factory code (the KPIs) reads the
 * team's projects through {@link #list} and {@link #summary}.
 */
@Requires(beans = ProjectRepository.class)
@Singleton
public class ProjectService {

    /** What a PUT did: created the project (201) or replaced it (200). */
    public record Upserted(Project project, boolean created) {
    }

    private final ProjectRepository repository;
    private final Clock clock;

    ProjectService(ProjectRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Every project of the team, in slug order. */
    public List<Project> list(TeamId team) {
        return repository.list(team).stream().map(Versioned::value).toList();
    }

    /** A page of the team's projects, in slug order. */
    public Page<Project> list(TeamId team, PageRequest page) {
        return repository.page(team, page).map(Versioned::value);
    }

    /** The team's project count and its breakdown by status. */
    public ProjectSummary summary(TeamId team) {
        Map<String, Integer> breakdown = new LinkedHashMap<>();
        ProjectRules.STATUSES.forEach(status -> breakdown.put(status, 0));
        List<Project> projects = list(team);
        projects.forEach(project -> breakdown.merge(project.status(), 1, Integer::sum));
        return new ProjectSummary(projects.size(), breakdown);
    }

    /**
     * @throws NotFoundException when the team has no project with that slug
     */
    public Project get(TeamId team, String slug) {
        return find(team, slug).map(Versioned::value).orElseThrow(() -> notFound(slug));
    }

    /**
     * Creates a project; its slug is the one given or derived from its name.
     *
     * @throws ConflictException when the team already has a project with that slug
     */
    public Project create(TeamId team, ProjectDraft draft) {
        Instant now = now();
        Project project = ProjectRules.build(draft, null, now, now);
        try {
            return repository.save(team, project, null).value();
        } catch (ConflictException e) {
            throw new ConflictException("Project '" + project.slug() + "' already exists", e);
        }
    }

    /** Creates the project under {@code slug}, or replaces it whole (keeping when it was created). */
    public Upserted put(TeamId team, String slug, ProjectDraft draft) {
        Instant now = now();
        Optional<Versioned<Project>> current = find(team, slug);
        Instant createdAt = current.map(stored -> stored.value().createdAt()).orElse(now);
        Project project = ProjectRules.build(draft, slug, createdAt, now);
        Long expectedVersion = current.map(Versioned::version).orElse(null);
        return new Upserted(repository.save(team, project, expectedVersion).value(), current.isEmpty());
    }

    /**
     * @throws NotFoundException when the team has no project with that slug
     */
    public void delete(TeamId team, String slug) {
        if (!ProjectRules.isSlug(slug) || !repository.delete(team, slug)) {
            throw notFound(slug);
        }
    }

    /** A string that cannot be a slug names no project (and would not fit in a key). */
    private Optional<Versioned<Project>> find(TeamId team, String slug) {
        return ProjectRules.isSlug(slug) ? repository.find(team, slug) : Optional.empty();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static NotFoundException notFound(String slug) {
        return new NotFoundException("Project '" + slug + "' not found");
    }
}
