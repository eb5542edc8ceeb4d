package dev.athanor.aws.orchestrator;

import dev.athanor.aws.crypto.LocalKeySecretSealer;
import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.orchestrator.GithubWebhook;
import dev.athanor.model.orchestrator.GithubWebhookStore;
import dev.athanor.model.orchestrator.OrchestratorProject;
import dev.athanor.model.orchestrator.ProjectConfiguration;
import dev.athanor.model.orchestrator.ProjectDraft;
import dev.athanor.model.orchestrator.ProjectStatus;
import dev.athanor.model.orchestrator.ProjectType;
import dev.athanor.model.secrets.SealedSecretException;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.MovableClockFactory.MovableClock;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Projects' GitHub webhooks on the projects table (DynamoDB Local): the hook on the project's item with its secret
 * sealed, found by hook id through by_hook whatever the team, kept by project updates, gone with the project; and
 * the remembered deliveries with their expiry.
 */
@ExtendWith(LocalStackExtension.class)
class GithubWebhookStoreIT {

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock();
    private DynamoDbClient dynamo;
    private String table;
    private DynamoOrchestratorProjectStore projects;
    private DynamoGithubWebhookStore hooks;
    private TeamId team;

    @BeforeEach
    void setUp() {
        table = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ORCHESTRATOR_PROJECTS");
        dynamo = LocalStackExtension.stack().dynamo();
        OnlyTables names = OnlyTables.of("orchestrator_projects", table);
        DynamoDbEnhancedClient client = DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
        projects = new DynamoOrchestratorProjectStore(client, names, JsonMapper.createDefault(), clock);
        hooks = new DynamoGithubWebhookStore(client, names, new LocalKeySecretSealer(dir.resolve("key")), clock);
        team = TeamId.of("hooks-" + UUID.randomUUID());
    }

    private OrchestratorProject project(TeamId owner) {
        return projects.create(owner, new ProjectDraft("p", ProjectType.PYTHON, ProjectStatus.ACTIVE,
                "https://github.com/octo/repo", ProjectConfiguration.DEFAULTS)).value();
    }

    private GithubWebhook hook(String projectId) {
        return new GithubWebhook(projectId, "hook-" + UUID.randomUUID(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
    }

    private Map<String, AttributeValue> stored(String id) {
        return dynamo.getItem(r -> r.tableName(table).consistentRead(true).key(Map.of(
                "team_id", AttributeValue.fromS(team.value()), "id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void a_hook_is_found_by_its_id_alone_with_its_team_project_repository_and_secret_sealed_at_rest() {
        OrchestratorProject project = project(team);
        GithubWebhook hook = hooks.save(team, hook(project.id()), "s3cret-value");

        Optional<GithubWebhookStore.Target> target = hooks.target(hook.hookId());

        assertEquals(Optional.of(new GithubWebhookStore.Target(team, project.id(), "https://github.com/octo/repo",
                "s3cret-value")), target);
        assertEquals(Optional.of(hook), hooks.find(team, project.id()));
        Map<String, AttributeValue> item = stored("project#" + project.id());
        assertEquals(hook.hookId(), item.get("hook_id").s());
        assertFalse(item.get("sealed_hook_secret").s().contains("s3cret-value"), "the secret is stored sealed");
        assertEquals(Optional.empty(), hooks.target("hook-" + UUID.randomUUID()));
    }

    @Test
    void a_rotation_replaces_hook_id_and_secret_and_the_old_id_leads_nowhere() {
        OrchestratorProject project = project(team);
        GithubWebhook first = hooks.save(team, hook(project.id()), "first");
        clock.advance(Duration.ofMinutes(1));

        GithubWebhook second = hooks.save(team, hook(project.id()), "second");

        assertEquals(Optional.empty(), hooks.target(first.hookId()));
        assertEquals("second", hooks.target(second.hookId()).orElseThrow().secret());
        assertEquals(Optional.of(second), hooks.find(team, project.id()));
    }

    @Test
    void a_project_update_keeps_its_hook_and_a_hook_write_keeps_the_project() {
        OrchestratorProject project = project(team);
        GithubWebhook hook = hooks.save(team, hook(project.id()), "kept");
        Versioned<OrchestratorProject> read = projects.find(team, project.id()).orElseThrow();

        projects.update(team, project.id(), new ProjectDraft("renamed", ProjectType.REACT, ProjectStatus.PAUSED,
                "https://github.com/octo/other", ProjectConfiguration.DEFAULTS), read.version());

        GithubWebhookStore.Target target = hooks.target(hook.hookId()).orElseThrow();
        assertEquals("kept", target.secret());
        assertEquals("https://github.com/octo/other", target.githubRepo(), "deliveries meet the project's new repo");
        OrchestratorProject after = projects.find(team, project.id()).orElseThrow().value();
        assertEquals("renamed", after.name());
        assertEquals(project.slot(), after.slot());
    }

    @Test
    void a_stale_project_version_cannot_overwrite_a_new_hook() {
        OrchestratorProject project = project(team);
        long before = projects.find(team, project.id()).orElseThrow().version();
        GithubWebhook hook = hooks.save(team, hook(project.id()), "fresh");

        assertThrows(ConflictException.class, () -> projects.update(team, project.id(), new ProjectDraft("x",
                ProjectType.PYTHON, ProjectStatus.ACTIVE, null, ProjectConfiguration.DEFAULTS), before));

        assertEquals("fresh", hooks.target(hook.hookId()).orElseThrow().secret());
    }

    @Test
    void delete_removes_the_hook_only_and_a_deleted_project_takes_its_hook_along() {
        OrchestratorProject kept = project(team);
        OrchestratorProject deleted = project(team);
        GithubWebhook removed = hooks.save(team, hook(kept.id()), "a");
        GithubWebhook gone = hooks.save(team, hook(deleted.id()), "b");

        assertTrue(hooks.delete(team, kept.id()));
        assertFalse(hooks.delete(team, kept.id()), "a second delete finds none");
        assertTrue(projects.delete(team, deleted.id()));

        assertEquals(Optional.empty(), hooks.target(removed.hookId()));
        assertEquals(Optional.empty(), hooks.find(team, kept.id()));
        assertFalse(stored("project#" + kept.id()).containsKey("hook_id"));
        assertEquals("p", projects.find(team, kept.id()).orElseThrow().value().name());
        assertEquals(Optional.empty(), hooks.target(gone.hookId()));
        assertThrows(NotFoundException.class, () -> hooks.save(team, hook(deleted.id()), "c"));
    }

    @Test
    void another_team_cannot_read_change_or_remove_the_hook() {
        OrchestratorProject project = project(team);
        GithubWebhook hook = hooks.save(team, hook(project.id()), "mine");
        TeamId stranger = TeamId.of("stranger-" + UUID.randomUUID());

        assertEquals(Optional.empty(), hooks.find(stranger, project.id()));
        assertFalse(hooks.delete(stranger, project.id()));
        assertThrows(NotFoundException.class, () -> hooks.save(stranger, hook(project.id()), "theirs"));
        assertEquals("mine", hooks.target(hook.hookId()).orElseThrow().secret());
    }

    @Test
    void a_sealed_secret_copied_under_another_hook_id_does_not_open() {
        OrchestratorProject project = project(team);
        GithubWebhook hook = hooks.save(team, hook(project.id()), "bound");
        dynamo.updateItem(r -> r.tableName(table).key(Map.of("team_id", AttributeValue.fromS(team.value()),
                        "id", AttributeValue.fromS("project#" + project.id())))
                .updateExpression("SET hook_id = :other")
                .expressionAttributeValues(Map.of(":other", AttributeValue.fromS("moved-" + hook.hookId()))));

        assertThrows(SealedSecretException.class, () -> hooks.target("moved-" + hook.hookId()));
    }

    @Test
    void a_delivery_is_remembered_until_its_time_then_forgotten_and_a_wipe_forgets_it() {
        Instant forgetAt = clock.instant().plus(Duration.ofDays(7));
        hooks.remember(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958", forgetAt);
        hooks.remember(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958", forgetAt);

        assertTrue(hooks.delivered(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        assertFalse(hooks.delivered(team, "00000000-cc78-11e3-81ab-4c9367dc0958"));
        assertFalse(hooks.delivered(TeamId.of("other-" + UUID.randomUUID()), "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                "deliveries are remembered per team");
        assertEquals(forgetAt.getEpochSecond(),
                Long.parseLong(stored("delivery#72d3162e-cc78-11e3-81ab-4c9367dc0958").get("expires_at").n()));

        clock.advance(Duration.ofDays(7).plusSeconds(1));
        assertFalse(hooks.delivered(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958"),
                "an item past its time counts as gone before the table removes it");

        hooks.remember(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958", clock.instant().plus(Duration.ofDays(7)));
        assertTrue(hooks.delivered(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958"), "remembered again");
        hooks.wipe(team);
        assertFalse(hooks.delivered(team, "72d3162e-cc78-11e3-81ab-4c9367dc0958"));
        assertEquals("github_deliveries", hooks.name());
    }
}
