package dev.athanor.aws.live;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.model.TeamId;
import dev.athanor.model.live.LiveConnection;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Live connections on DynamoDB Local, in the table template.yaml declares. */
@ExtendWith(LocalStackExtension.class)
class DynamoConnectionStoreIT {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static ApplicationContext context;
    private static String tableName;

    @BeforeAll
    static void start() {
        tableName = LocalStackExtension.stack().functionEnvironment("OrchestratorEventsFunction")
                .get("ATHANOR_DYNAMODB_TABLES_LIVE_CONNECTIONS");
        Map<String, Object> properties = new HashMap<>(LocalStackExtension.stack().awsProperties());
        context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static DynamoConnectionStore store(Instant now) {
        return new DynamoConnectionStore(context.getBean(DynamoDbClient.class),
                OnlyTables.of("live_connections", tableName), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static LiveConnection connection(TeamId team, String... channels) {
        return new LiveConnection("c-" + UUID.randomUUID(), team, "subject", NOW, NOW.plusSeconds(3 * 3600),
                Set.of(channels));
    }

    @Test
    void a_connection_is_found_by_its_id_and_heard_on_its_channels_until_it_closes() {
        DynamoConnectionStore store = store(NOW);
        TeamId team = TeamId.of("live-" + UUID.randomUUID());
        LiveConnection first = connection(team, "global");
        LiveConnection second = connection(team, "project_p1");
        store.open(first);
        store.open(second);

        assertEquals(first, store.find(first.id()).orElseThrow());
        assertEquals(Set.of(first.id()), store.subscribers(team, List.of("global")));
        assertTrue(store.subscribe(first.id(), "project_p1"));
        assertEquals(Set.of("global", "project_p1"), store.find(first.id()).orElseThrow().channels());
        // one id per connection, however many of the channels it listens on
        assertEquals(Set.of(first.id(), second.id()), store.subscribers(team, List.of("global", "project_p1")));
        assertEquals(2, store.connections(team).size());

        store.unsubscribe(first.id(), "project_p1");
        assertEquals(Set.of(second.id()), store.subscribers(team, List.of("project_p1")));
        store.close(second.id());
        assertTrue(store.find(second.id()).isEmpty());
        assertEquals(Set.of(), store.subscribers(team, List.of("project_p1")));
        assertEquals(List.of(first.id()), store.connections(team).stream().map(LiveConnection::id).toList());
        store.close(second.id()); // again: nothing happens
    }

    @Test
    void channels_are_the_team_s_own() {
        DynamoConnectionStore store = store(NOW);
        TeamId team = TeamId.of("live-" + UUID.randomUUID());
        TeamId other = TeamId.of("live-" + UUID.randomUUID());
        store.open(connection(team, "global", "task_t1"));

        assertEquals(Set.of(), store.subscribers(other, List.of("global", "task_t1")));
        assertEquals(List.of(), store.connections(other));
    }

    @Test
    void an_expired_or_closed_connection_is_neither_found_nor_heard_nor_subscribed() {
        TeamId team = TeamId.of("live-" + UUID.randomUUID());
        LiveConnection connection = connection(team, "global");
        store(NOW).open(connection);
        DynamoConnectionStore later = store(connection.expiresAt());

        assertTrue(later.find(connection.id()).isEmpty());
        assertEquals(Set.of(), later.subscribers(team, List.of("global")));
        assertFalse(later.subscribe(connection.id(), "project_p1"));
        assertFalse(store(NOW).subscribe("c-never-opened", "global"));
        store(NOW).unsubscribe("c-never-opened", "global");
    }
}
