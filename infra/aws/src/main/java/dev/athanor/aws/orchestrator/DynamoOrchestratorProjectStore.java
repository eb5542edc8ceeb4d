package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectSlot;
import dev.athanor.model.orchestrator.ProjectStatus;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.ProjectType;
import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactDeleteItemEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Orchestrator projects in the {@code orchestrator_projects} table. Per team, each project is an item
 * {@code project#<uuid>} and each taken slot an item {@code slot#<label>} naming its project; a project and its slot
 * claim are written and deleted in one transaction, and a claim is written only where none exists, so two creates at
 * the same moment can never share a slot (the loser looks again for a free one). Exists only in functions given the
 * table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.orchestrator-projects")
public class DynamoOrchestratorProjectStore implements ProjectStore, TeamData {

    static final String PROJECT = "project#";
    static final String SLOT = "slot#";
    /** Each lost race means another create took a slot, so a few tries cover every slot a team has. */
    private static final int MAX_TRIES = ProjectSlot.values().length + 2;
    private static final TableDefinition<ProjectSlotItem> SLOTS =
            new TableDefinition<>(Tables.ORCHESTRATOR_PROJECTS.logicalName(), ProjectSlotItem.class);

    private final DynamoDbEnhancedClient client;
    private final DynamoDbTable<OrchestratorProjectItem> projectItems;
    private final DynamoDbTable<ProjectSlotItem> slotItems;
    private final TeamScopedTable<OrchestratorProjectItem> projects;
    private final TeamScopedTable<ProjectSlotItem> slots;
    private final JsonMapper json;
    private final Clock clock;

    public DynamoOrchestratorProjectStore(DynamoDbEnhancedClient client, TableNames tables, JsonMapper json,
                                          Clock clock) {
        String tableName = tables.require(Tables.ORCHESTRATOR_PROJECTS);
        this.client = client;
        this.projectItems = client.table(tableName, Tables.ORCHESTRATOR_PROJECTS.schema());
        this.slotItems = client.table(tableName, SLOTS.schema());
        this.projects = new TeamScopedTable<>(client, tables, Tables.ORCHESTRATOR_PROJECTS,
                OrchestratorProjectItem::new);
        this.slots = new TeamScopedTable<>(client, tables, SLOTS, ProjectSlotItem::new);
        this.json = json;
        this.clock = clock;
    }

    @Override
    public Versioned<OrchestratorProject> create(TeamId team, ProjectDraft draft) {
        String id = UUID.randomUUID().toString();
        Instant now = now();
        for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
            ProjectSlot slot = firstFreeSlot(team).orElseThrow(() ->
                    new ConflictException(ProjectSlot.RULE + "; delete one to create another"));
            OrchestratorProjectItem item = item(team, id, draft, slot, now, now);
            try {
                client.transactWriteItems(r -> r.addPutItem(projectItems, item)
                        .addPutItem(slotItems, slotClaim(team, slot, id)));
            } catch (TransactionCanceledException slotTaken) {
                continue;
            }
            return projects.getLatest(team, projectKey(id)).map(this::view).orElseThrow(() ->
                    new ConflictException("Project " + id + " was deleted while it was created"));
        }
        throw new ConflictException("Other projects were created at the same moment; try again");
    }

    @Override
    public Optional<Versioned<OrchestratorProject>> find(TeamId team, String id) {
        return projects.getLatest(team, projectKey(id)).map(this::view);
    }

    @Override
    public List<OrchestratorProject> list(TeamId team) {
        return projects.listPrefix(team, PROJECT, false).stream().map(this::view).map(Versioned::value)
                .sorted(Comparator.comparing(OrchestratorProject::slot)).toList();
    }

    @Override
    public Versioned<OrchestratorProject> update(TeamId team, String id, ProjectDraft draft, long expectedVersion) {
        OrchestratorProjectItem current = projects.getLatest(team, projectKey(id))
                .orElseThrow(() -> new NotFoundException("Project not found"));
        OrchestratorProjectItem next = item(team, id, draft, slot(current), current.getCreatedAt(), now());
        // a write replaces the whole item: the project's webhook stays as it is
        next.setHookId(current.getHookId());
        next.setSealedHookSecret(current.getSealedHookSecret());
        next.setHookCreatedAt(current.getHookCreatedAt());
        try {
            return view(projects.put(team, projectKey(id), expectedVersion, item -> copy(next, item)));
        } catch (ConflictException stale) {
            throw new ConflictException("Project " + id + " was changed by another request; read it again and retry",
                    stale);
        }
    }

    /** Retries when the project changed between its read and the delete; its slot claim goes in the same write. */
    @Override
    public boolean delete(TeamId team, String id) {
        for (int attempt = 1; ; attempt++) {
            Optional<OrchestratorProjectItem> current = projects.getLatest(team, projectKey(id));
            if (current.isEmpty()) {
                return false;
            }
            Expression unchanged = Expression.builder().expression("version = :version")
                    .putExpressionValue(":version", AttributeValue.fromN(current.get().getVersion().toString()))
                    .build();
            Expression ownClaim = Expression.builder().expression("project_id = :project")
                    .putExpressionValue(":project", AttributeValue.fromS(id)).build();
            try {
                client.transactWriteItems(r -> r
                        .addDeleteItem(projectItems, TransactDeleteItemEnhancedRequest.builder()
                                .key(key(team, projectKey(id))).conditionExpression(unchanged).build())
                        .addDeleteItem(slotItems, TransactDeleteItemEnhancedRequest.builder()
                                .key(key(team, SLOT + current.get().getSlot())).conditionExpression(ownClaim)
                                .build()));
                return true;
            } catch (TransactionCanceledException raced) {
                if (attempt >= MAX_TRIES) {
                    throw new ConflictException("Project " + id + " kept changing while it was deleted; try again",
                            raced);
                }
            }
        }
    }

    @Override
    public String name() {
        return "orchestrator_projects";
    }

    /**
     * Projects sort before their slot claims and go first, so a wipe stopped part-way never leaves a project without
     * its claim; repeating it removes the rest.
     */
    @Override
    public void wipe(TeamId team) {
        projects.deleteAll(team);
    }

    static String projectKey(String id) {
        return PROJECT + id;
    }

    private Optional<ProjectSlot> firstFreeSlot(TeamId team) {
        Set<String> taken = slots.idsWithPrefix(team, SLOT).stream().map(claim -> claim.substring(SLOT.length()))
                .collect(Collectors.toSet());
        return Arrays.stream(ProjectSlot.values()).filter(slot -> !taken.contains(slot.label())).findFirst();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Key key(TeamId team, String id) {
        return Key.builder().partitionValue(team.value()).sortValue(id).build();
    }

    private static ProjectSlotItem slotClaim(TeamId team, ProjectSlot slot, String projectId) {
        ProjectSlotItem claim = new ProjectSlotItem();
        claim.setTeamId(team.value());
        claim.setId(SLOT + slot.label());
        claim.setProjectId(projectId);
        return claim;
    }

    private OrchestratorProjectItem item(TeamId team, String id, ProjectDraft draft, ProjectSlot slot,
                                         Instant createdAt, Instant updatedAt) {
        OrchestratorProjectItem item = new OrchestratorProjectItem();
        item.setTeamId(team.value());
        item.setId(projectKey(id));
        item.setProjectId(id);
        item.setName(draft.name());
        item.setType(draft.type().wireName());
        item.setStatus(draft.status().wireName());
        item.setGithubRepo(draft.githubRepo());
        item.setSlot(slot.label());
        item.setConfig(write(draft.config()));
        item.setCreatedAt(createdAt);
        item.setUpdatedAt(updatedAt);
        return item;
    }

    /** Every attribute but the keys and the version, the webhook's included. */
    static void copy(OrchestratorProjectItem from, OrchestratorProjectItem to) {
        to.setProjectId(from.getProjectId());
        to.setName(from.getName());
        to.setType(from.getType());
        to.setStatus(from.getStatus());
        to.setGithubRepo(from.getGithubRepo());
        to.setSlot(from.getSlot());
        to.setConfig(from.getConfig());
        to.setCreatedAt(from.getCreatedAt());
        to.setUpdatedAt(from.getUpdatedAt());
        to.setHookId(from.getHookId());
        to.setSealedHookSecret(from.getSealedHookSecret());
        to.setHookCreatedAt(from.getHookCreatedAt());
    }

    private static ProjectSlot slot(OrchestratorProjectItem item) {
        return ProjectSlot.fromLabel(item.getSlot()).orElseThrow(() -> corrupt(item, "slot"));
    }

    private static IllegalStateException corrupt(OrchestratorProjectItem item, String attribute) {
        return new IllegalStateException("Stored project " + item.getProjectId() + " has no valid " + attribute);
    }

    private Versioned<OrchestratorProject> view(OrchestratorProjectItem item) {
        OrchestratorProject project = new OrchestratorProject(item.getProjectId(), item.getName(),
                ProjectType.fromWire(item.getType()).orElseThrow(() -> corrupt(item, "type")),
                ProjectStatus.fromWire(item.getStatus()).orElseThrow(() -> corrupt(item, "status")),
                item.getGithubRepo(),
                slot(item), read(item.getConfig()), item.getCreatedAt(), item.getUpdatedAt());
        return new Versioned<>(project, item.getVersion());
    }

    private String write(ProjectConfiguration config) {
        try {
            return json.writeValueAsString(config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ProjectConfiguration read(String config) {
        try {
            return json.readValue(config, ProjectConfiguration.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
