package dev.athanor.aws.projects;

import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.projects.Project;
import dev.athanor.model.projects.ProjectRepository;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;

import java.util.List;
import java.util.Optional;

/** Projects in the {@code projects} table, one item per team and slug. Exists only in functions given the table. */
@Singleton
@Requires(property = "athanor.dynamodb.tables.projects")
public class DynamoProjectRepository implements ProjectRepository, TeamData {

    private final TeamScopedTable<ProjectItem> table;

    public DynamoProjectRepository(DynamoDbEnhancedClient client, TableNames names) {
        this.table = new TeamScopedTable<>(client, names, Tables.PROJECTS, ProjectItem::new);
    }

    @Override
    public List<Versioned<Project>> list(TeamId team) {
        return table.list(team).stream().map(DynamoProjectRepository::view).toList();
    }

    @Override
    public Page<Versioned<Project>> page(TeamId team, PageRequest page) {
        return table.pages(null).page(team, PagedQuery.Slice.of(team.value()), page)
                .map(DynamoProjectRepository::view);
    }

    @Override
    public Optional<Versioned<Project>> find(TeamId team, String slug) {
        return table.get(team, slug).map(DynamoProjectRepository::view);
    }

    @Override
    public Versioned<Project> save(TeamId team, Project project, Long expectedVersion) {
        ProjectItem saved = table.put(team, project.slug(), expectedVersion, item -> {
            item.setName(project.name());
            item.setDescription(project.description());
            item.setStatus(project.status());
            item.setHealth(project.health());
            item.setIcon(project.icon());
            item.setRepository(project.repository());
            item.setMonthlySpend(project.monthlySpend());
            item.setSla(project.sla());
            item.setBuildProgress(project.buildProgress());
            item.setFeatures(project.features());
            item.setCreatedAt(project.createdAt());
            item.setUpdatedAt(project.updatedAt());
        });
        return new Versioned<>(project, saved.getVersion());
    }

    @Override
    public boolean delete(TeamId team, String slug) {
        return table.delete(team, slug);
    }

    @Override
    public String name() {
        return "projects";
    }

    @Override
    public void wipe(TeamId team) {
        table.list(team).forEach(item -> table.delete(team, item.getId()));
    }

    private static Versioned<Project> view(ProjectItem item) {
        return new Versioned<>(new Project(item.getId(), item.getName(), item.getDescription(), item.getStatus(),
                item.getHealth(), item.getIcon(), item.getRepository(), item.getMonthlySpend(), item.getSla(),
                item.getBuildProgress(), item.getFeatures(), item.getCreatedAt(), item.getUpdatedAt()),
                item.getVersion());
    }
}
