package dev.athanor.aws.promptlab;

import dev.athanor.aws.dynamo.AtomicCounter;
import dev.athanor.aws.dynamo.PagedQuery;
import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Prompt-lab projects in the {@code prompt_projects} table. Per team: a counter item hands out the integer ids,
 * each project is an item {@code project#<id>} and each name is claimed by an item {@code name#<name>}; a project
 * and its name claim are written in one transaction, so two projects of a team can never share a name, even when
 * created or renamed at the same moment. Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.prompt-projects")
public class DynamoPromptProjectStore implements PromptProjectStore, TeamData {

    static final String PROJECT = "project#";
    static final String NAME = "name#";
    static final String COUNTER = "counter#projects";
    private static final TableDefinition<ProjectNameItem> NAMES =
            new TableDefinition<>(Tables.PROMPT_PROJECTS.logicalName(), ProjectNameItem.class);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<PromptProjectItem> projectItems;
    private final DynamoDbTable<ProjectNameItem> nameItems;
    private final TeamScopedTable<PromptProjectItem> projects;
    private final TeamScopedTable<ProjectNameItem> names;
    private final PagedQuery<PromptProjectItem> projectPages;
    private final AtomicCounter counter;
    private final Clock clock;

    public DynamoPromptProjectStore(DynamoDbEnhancedClient client, DynamoDbClient dynamo, TableNames tables,
                                    Clock clock) {
        String tableName = tables.require(Tables.PROMPT_PROJECTS);
        this.client = client;
        this.projectItems = client.table(tableName, Tables.PROMPT_PROJECTS.schema());
        this.nameItems = client.table(tableName, NAMES.schema());
        this.projects = new TeamScopedTable<>(client, tables, Tables.PROMPT_PROJECTS, PromptProjectItem::new);
        this.names = new TeamScopedTable<>(client, tables, NAMES, ProjectNameItem::new);
        this.projectPages = projects.pages(null).consistent();
        this.counter = new AtomicCounter(dynamo, tableName);
        this.clock = clock;
    }

    @Override
    public PromptProject create(TeamId team, PromptProjectDraft draft) {
        if (names.getLatest(team, NAME + draft.name()).isPresent()) {
            throw nameTaken(draft.name(), null);
        }
        long id = counter.next(team, COUNTER);
        Instant now = now();
        PromptProjectItem item = item(team, id, draft, now, now, null);
        try {
            client.transactWriteItems(r -> r.addPutItem(projectItems, item)
                    .addPutItem(nameItems, nameClaim(team, draft.name(), id)));
        } catch (TransactionCanceledException e) {
            throw nameTaken(draft.name(), e);
        }
        return view(item);
    }

    @Override
    public Optional<PromptProject> find(TeamId team, long id) {
        return projects.get(team, projectKey(id)).map(DynamoPromptProjectStore::view);
    }

    @Override
    public Optional<PromptProject> findByName(TeamId team, String name) {
        return names.get(team, NAME + name).flatMap(claim -> find(team, claim.getProjectId()));
    }

    @Override
    public Page<PromptProject> list(TeamId team, PageRequest page) {
        return projectPages.page(team, new PagedQuery.Slice(team.value(), PROJECT), page)
                .map(DynamoPromptProjectStore::view);
    }

    @Override
    public long count(TeamId team) {
        return projectPages.count(new PagedQuery.Slice(team.value(), PROJECT));
    }

    @Override
    public PromptProject update(TeamId team, long id, PromptProjectDraft draft) {
        PromptProjectItem current = projects.getLatest(team, projectKey(id))
                .orElseThrow(() -> new NotFoundException("Project not found"));
        PromptProjectItem next = item(team, id, draft, current.getCreatedAt(), now(), current.getVersion());
        boolean renamed = !current.getName().equals(draft.name());
        try {
            client.transactWriteItems(r -> {
                r.addPutItem(projectItems, next);
                if (renamed) {
                    r.addPutItem(nameItems, nameClaim(team, draft.name(), id));
                    r.addDeleteItem(nameItems, key(team, NAME + current.getName()));
                }
            });
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (renamed && reasons.size() > 1 && "ConditionalCheckFailed".equals(reasons.get(1).code())) {
                throw nameTaken(draft.name(), e);
            }
            throw new ConflictException("Project " + id + " was changed by another request; read it again and retry",
                    e);
        }
        return view(next);
    }

    @Override
    public boolean delete(TeamId team, long id) {
        Optional<PromptProjectItem> current = projects.getLatest(team, projectKey(id));
        if (current.isEmpty()) {
            return false;
        }
        client.transactWriteItems(r -> r.addDeleteItem(projectItems, key(team, projectKey(id)))
                .addDeleteItem(nameItems, key(team, NAME + current.get().getName())));
        return true;
    }

    @Override
    public String name() {
        return "prompt_projects";
    }

    /** Projects and name claims go; the counter stays, so an id is never given to a second project. */
    @Override
    public void wipe(TeamId team) {
        projects.deleteAllWithPrefix(team, PROJECT);
        names.deleteAllWithPrefix(team, NAME);
    }

    static String projectKey(long id) {
        return PROJECT + String.format("%019d", id);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static ConflictException nameTaken(String name, Throwable cause) {
        return new ConflictException("A project named '" + name + "' already exists", cause);
    }

    private static Key key(TeamId team, String id) {
        return Key.builder().partitionValue(team.value()).sortValue(id).build();
    }

    private static ProjectNameItem nameClaim(TeamId team, String name, long id) {
        ProjectNameItem claim = new ProjectNameItem();
        claim.setTeamId(team.value());
        claim.setId(NAME + name);
        claim.setProjectId(id);
        return claim;
    }

    private static PromptProjectItem item(TeamId team, long id, PromptProjectDraft draft, Instant createdAt,
                                          Instant updatedAt, Long version) {
        PromptProjectItem item = new PromptProjectItem();
        item.setTeamId(team.value());
        item.setId(projectKey(id));
        item.setVersion(version);
        item.setProjectId(id);
        item.setName(draft.name());
        item.setProviderId(draft.providerId());
        item.setLlamastackUrl(draft.llamastackUrl());
        item.setGitRepoUrl(draft.gitRepoUrl());
        item.setTestBackendUrl(draft.testBackendUrl());
        item.setDescription(draft.description());
        item.setCreatedAt(createdAt);
        item.setUpdatedAt(updatedAt);
        return item;
    }

    private static PromptProject view(PromptProjectItem item) {
        return new PromptProject(item.getProjectId(), item.getName(), item.getProviderId(), item.getLlamastackUrl(),
                item.getGitRepoUrl(), item.getTestBackendUrl(), item.getDescription(), item.getCreatedAt(),
                item.getUpdatedAt());
    }
}
