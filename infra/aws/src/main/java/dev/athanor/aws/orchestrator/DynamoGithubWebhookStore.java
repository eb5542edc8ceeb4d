package dev.athanor.aws.orchestrator;

import dev.athanor.aws.dynamo.TableDefinition;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.aws.dynamo.Tables;
import dev.athanor.aws.dynamo.TeamScopedTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.orchestrator.GithubWebhook;
import dev.athanor.model.orchestrator.GithubWebhookStore;
import dev.athanor.model.secrets.SecretSealer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Projects' GitHub webhooks in the {@code orchestrator_projects} table, held on the project's own item (so the hook
 * goes with the project), and the processed deliveries as items {@code delivery#<guid>} beside it, which the table
 * deletes by itself after {@code expires_at}. A secret is sealed under {@code <team>/github-webhook/<project>/<hook>},
 * so a sealed secret copied to another project or kept under another hook id does not open. A hook id is found
 * through the {@code by_hook} index, which only leads to the item: the item itself, read strongly consistent, must
 * still hold that hook id (an index lags a rotation). Exists only in functions given the table.
 */
@Singleton
@Requires(property = "athanor.dynamodb.tables.orchestrator-projects")
public class DynamoGithubWebhookStore implements GithubWebhookStore {

    static final String DELIVERY = "delivery#";
    private static final TableDefinition<GithubDeliveryItem> DELIVERIES =
            new TableDefinition<>(Tables.ORCHESTRATOR_PROJECTS.logicalName(), GithubDeliveryItem.class);

    private final TeamScopedTable<OrchestratorProjectItem> projects;
    private final TeamScopedTable<GithubDeliveryItem> deliveries;
    private final DynamoDbIndex<OrchestratorProjectItem> byHook;
    private final SecretSealer sealer;
    private final Clock clock;

    public DynamoGithubWebhookStore(DynamoDbEnhancedClient client, TableNames tables, @Nullable SecretSealer sealer,
                                    Clock clock) {
        this.projects = new TeamScopedTable<>(client, tables, Tables.ORCHESTRATOR_PROJECTS,
                OrchestratorProjectItem::new);
        this.deliveries = new TeamScopedTable<>(client, tables, DELIVERIES, GithubDeliveryItem::new);
        this.byHook = client.table(tables.require(Tables.ORCHESTRATOR_PROJECTS), Tables.ORCHESTRATOR_PROJECTS.schema())
                .index(OrchestratorProjectItem.BY_HOOK);
        this.sealer = sealer;
        this.clock = clock;
    }

    @Override
    public GithubWebhook save(TeamId team, GithubWebhook hook, String secret) {
        String key = DynamoOrchestratorProjectStore.projectKey(hook.projectId());
        OrchestratorProjectItem current = projects.getLatest(team, key)
                .orElseThrow(() -> new NotFoundException("Project not found"));
        String sealed = sealer().seal(secret, context(team, hook.projectId(), hook.hookId()));
        try {
            projects.put(team, key, current.getVersion(), item -> {
                DynamoOrchestratorProjectStore.copy(current, item);
                item.setHookId(hook.hookId());
                item.setSealedHookSecret(sealed);
                item.setHookCreatedAt(hook.createdAt());
            });
        } catch (ConflictException raced) {
            throw new ConflictException("Project " + hook.projectId()
                    + " was changed by another request while its webhook was written; try again", raced);
        }
        return hook;
    }

    @Override
    public Optional<GithubWebhook> find(TeamId team, String projectId) {
        return projects.getLatest(team, DynamoOrchestratorProjectStore.projectKey(projectId))
                .filter(item -> item.getHookId() != null)
                .map(item -> new GithubWebhook(projectId, item.getHookId(), item.getHookCreatedAt()));
    }

    @Override
    public boolean delete(TeamId team, String projectId) {
        String key = DynamoOrchestratorProjectStore.projectKey(projectId);
        OrchestratorProjectItem current = projects.getLatest(team, key).orElse(null);
        if (current == null || current.getHookId() == null) {
            return false;
        }
        try {
            projects.put(team, key, current.getVersion(), item -> {
                DynamoOrchestratorProjectStore.copy(current, item);
                item.setHookId(null);
                item.setSealedHookSecret(null);
                item.setHookCreatedAt(null);
            });
        } catch (ConflictException raced) {
            throw new ConflictException("Project " + projectId
                    + " was changed by another request while its webhook was removed; try again", raced);
        }
        return true;
    }

    @Override
    public Optional<Target> target(String hookId) {
        Optional<OrchestratorProjectItem> indexed = byHook.query(QueryConditional.keyEqualTo(
                        Key.builder().partitionValue(hookId).build()))
                .stream().flatMap(page -> page.items().stream()).findFirst();
        if (indexed.isEmpty()) {
            return Optional.empty();
        }
        TeamId team = TeamId.of(indexed.get().getTeamId());
        return projects.getLatest(team, indexed.get().getId())
                .filter(item -> hookId.equals(item.getHookId()) && item.getSealedHookSecret() != null)
                .map(item -> new Target(team, item.getProjectId(), item.getGithubRepo(),
                        sealer().unseal(item.getSealedHookSecret(), context(team, item.getProjectId(), hookId))));
    }

    /** An item the table has not yet removed after its time counts as forgotten. */
    @Override
    public boolean delivered(TeamId team, String deliveryId) {
        long now = clock.instant().getEpochSecond();
        return deliveries.getLatest(team, DELIVERY + deliveryId)
                .filter(item -> item.getExpiresAt() == null || item.getExpiresAt() > now).isPresent();
    }

    @Override
    public void remember(TeamId team, String deliveryId, Instant forgetAt) {
        String key = DELIVERY + deliveryId;
        Long version = deliveries.getLatest(team, key).map(GithubDeliveryItem::getVersion).orElse(null);
        try {
            deliveries.put(team, key, version, item -> item.setExpiresAt(forgetAt.getEpochSecond()));
        } catch (ConflictException rememberedMeanwhile) {
            // another delivery of the same id was remembered at the same moment: it is remembered
        }
    }

    @Override
    public String name() {
        return "github_deliveries";
    }

    /** The hooks go with their projects' items ({@code orchestrator_projects}' wipe); the deliveries go here. */
    @Override
    public void wipe(TeamId team) {
        deliveries.deleteAllWithPrefix(team, DELIVERY);
    }

    private SecretSealer sealer() {
        if (sealer == null) {
            throw new UnavailableException("GitHub webhook secrets cannot be stored or read: no sealing key is "
                    + "configured (set athanor.crypto.kms-key-id or athanor.crypto.local-key-file)");
        }
        return sealer;
    }

    static String context(TeamId team, String projectId, String hookId) {
        return team.value() + "/github-webhook/" + projectId + "/" + hookId;
    }
}
