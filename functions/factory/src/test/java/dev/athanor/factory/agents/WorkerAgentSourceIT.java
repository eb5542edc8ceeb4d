package dev.athanor.factory.agents;

import dev.athanor.model.TeamId;
import dev.athanor.model.agents.AgentConfig;
import dev.athanor.model.agents.AgentSource;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker, which runs the factory's phases, sees each team's agent overrides over the built-in defaults. */
@ExtendWith(LocalStackExtension.class)
class WorkerAgentSourceIT {

    private static ApplicationContext context;

    @BeforeAll
    static void start() {
        context = TestFunctions.start("FactoryWorkerFunction");
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @Test
    void a_team_without_overrides_runs_the_defaults() {
        AgentConfig qa = context.getBean(AgentSource.class).resolve(TeamId.of("worker-defaults"), "qa_agent");

        assertEquals("QA Agent", qa.name());
        assertEquals("sandbox", qa.model());
        assertTrue(qa.systemPrompt().startsWith("You are the QA Agent"), qa.systemPrompt());
    }

    @Test
    void an_override_stored_by_the_factory_is_merged_over_the_defaults() {
        String table = LocalStackExtension.stack().functionEnvironment("FactoryWorkerFunction")
                .get("ATHANOR_DYNAMODB_TABLES_AGENTS");
        // the item as the factory's agents API writes it: only the changed fields
        LocalStackExtension.stack().dynamo().putItem(r -> r.tableName(table).item(Map.of(
                "team_id", AttributeValue.fromS("worker-override"), "id", AttributeValue.fromS("dev_agent"),
                "model", AttributeValue.fromS("gpt-4o"), "version", AttributeValue.fromN("1"),
                "updated_at", AttributeValue.fromS("2026-01-02T03:04:05Z"))));

        AgentConfig dev = context.getBean(AgentSource.class).resolve(TeamId.of("worker-override"), "dev_agent");

        assertEquals("gpt-4o", dev.model());
        assertEquals("Dev Agent", dev.name());
        assertTrue(dev.systemPrompt().contains("path=source/"), dev.systemPrompt());
        assertEquals("2026-01-02T03:04:05Z", dev.updatedAt().toString());
    }

    @Test
    void an_unknown_agent_id_is_not_found() {
        assertThrows(NotFoundException.class,
                () -> context.getBean(AgentSource.class).resolve(TeamId.of("worker-defaults"), "ghost_agent"));
    }
}
