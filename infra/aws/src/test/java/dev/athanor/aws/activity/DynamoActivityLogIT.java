package dev.athanor.aws.activity;

import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamData;
import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The activity log on DynamoDB Local, in the table template.yaml declares. */
@ExtendWith(LocalStackExtension.class)
class DynamoActivityLogIT {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    private static ApplicationContext context;
    private static String tableName;

    private DynamoActivityLog log;
    private TeamId team;
    private TeamId otherTeam;

    @BeforeAll
    static void start() {
        tableName = LocalStackExtension.stack().functionEnvironment("FactoryWorkerFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ACTIVITY");
        Map<String, Object> properties = new HashMap<>(LocalStackExtension.stack().awsProperties());
        properties.put("athanor.dynamodb.tables.activity", tableName);
        context = ApplicationContext.builder().deduceEnvironment(false).properties(properties).start();
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void setUp() {
        log = new DynamoActivityLog(context.getBean(DynamoDbEnhancedClient.class), context.getBean(TableNames.class),
                Clock.fixed(NOW, ZoneOffset.UTC));
        // fresh teams per test: the embedded table is shared by the whole test JVM
        team = TeamId.of("team-" + UUID.randomUUID());
        otherTeam = TeamId.of("other-" + UUID.randomUUID());
    }

    private static ActivityEntry entry(String id, Instant at, String action) {
        return new ActivityEntry(id, at, action, "dev_agent", "my-app", "passed", "detail of " + id,
                new BigDecimal("0.25"), 1200L);
    }

    private static List<String> ids(List<ActivityEntry> entries) {
        return entries.stream().map(ActivityEntry::id).toList();
    }

    private Map<String, AttributeValue> stored(TeamId owner, String id) {
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(tableName).key(Map.of(
                "team_id", AttributeValue.fromS(owner.value()), "id", AttributeValue.fromS(id)))).item();
    }

    @Test
    void the_log_is_a_bean_that_a_wipe_reaches() {
        assertTrue(context.getBean(ActivityLog.class) instanceof DynamoActivityLog);
        assertTrue(context.getBeansOfType(TeamData.class).stream().anyMatch(d -> d.name().equals("activity")));
    }

    @Test
    void entries_come_back_newest_first_whatever_the_order_and_precision_of_their_times() {
        log.append(team, entry("b", NOW.minusSeconds(60), "step_started"));
        log.append(team, entry("late", NOW.minusSeconds(60).plusMillis(1), "step_passed"));
        log.append(team, entry("a", NOW.minusSeconds(60), "step_started"));
        log.append(team, entry("first", NOW.minusSeconds(3600), "step_started"));
        log.append(team, entry("nanos", NOW.minusSeconds(60).plusNanos(1), "step_passed"));

        List<ActivityEntry> recent = log.recent(team, 10);

        // "...00.001Z" sorts after "...00.000000001Z" and both after "...00Z": the key's time has a fixed width
        assertEquals(List.of("late", "nanos", "b", "a", "first"), ids(recent));
        assertEquals(entry("late", NOW.minusSeconds(60).plusMillis(1), "step_passed"), recent.get(0));
    }

    @Test
    void recent_returns_at_most_limit_entries() {
        IntStream.range(0, 30).forEach(i -> log.append(team, entry("e" + i, NOW.minusSeconds(100 - i), "step_passed")));

        assertEquals(List.of("e29", "e28", "e27"), ids(log.recent(team, 3)));
        assertEquals(30, log.recent(team, 500).size());
        assertEquals(List.of(), log.recent(team, 0));
    }

    @Test
    void appending_the_same_id_again_replaces_the_entry_even_at_another_time() {
        log.append(team, entry("step-1", NOW.minusSeconds(30), "step_started"));
        log.append(team, entry("step-2", NOW.minusSeconds(20), "step_started"));
        log.append(team, entry("step-1", NOW.minusSeconds(30), "step_started"));
        log.append(team, new ActivityEntry("step-1", NOW.minusSeconds(10), "step_failed", "dev_agent", "my-app",
                "failed", "timed out", null, null));

        List<ActivityEntry> recent = log.recent(team, 10);

        assertEquals(List.of("step-1", "step-2"), ids(recent));
        assertEquals("step_failed", recent.get(0).action());
        assertEquals(List.of(), ids(log.recent(team, "step_started", 10)).stream().filter("step-1"::equals).toList(),
                "the entry left its old action's index");
        assertEquals(List.of("step-1"), ids(log.recent(team, "step_failed", 10)));
    }

    @Test
    void entries_of_one_action_are_read_apart_from_the_others() {
        IntStream.range(0, 20).forEach(i -> log.append(team, entry("s" + i, NOW.minusSeconds(200 - i), "step_passed")));
        log.append(team, entry("d1", NOW.minusSeconds(500), "permission_denied"));
        log.append(team, entry("d2", NOW.minusSeconds(5), "permission_denied"));
        log.append(otherTeam, entry("d3", NOW, "permission_denied"));

        assertEquals(List.of("d2", "d1"), ids(log.recent(team, "permission_denied", 100)));
        assertEquals(List.of("d2"), ids(log.recent(team, "permission_denied", 1)));
        assertEquals(List.of("s19", "s18"), ids(log.recent(team, "step_passed", 2)));
        assertEquals(List.of("d3"), ids(log.recent(otherTeam, "permission_denied", 100)));
        assertEquals(List.of(), log.recent(team, "step_failed", 100));
    }

    @Test
    void entries_expire_thirty_days_after_their_time() {
        log.append(team, entry("fresh", NOW.minus(Duration.ofDays(29)), "step_passed"));
        log.append(team, entry("expired", NOW.minus(Duration.ofDays(30)).minusSeconds(1), "step_passed"));

        assertEquals(List.of("fresh"), ids(log.recent(team, 10)));
        assertEquals(List.of("fresh"), ids(log.recent(team, "step_passed", 10)));
        assertEquals(NOW.minus(Duration.ofDays(29)).plus(DynamoActivityLog.RETENTION).getEpochSecond(),
                Long.parseLong(stored(team, "fresh").get("expires_at").n()), "the TTL attribute, in epoch seconds");
    }

    @Test
    void a_team_never_sees_another_teams_entries() {
        log.append(team, entry("mine", NOW, "step_passed"));
        log.append(otherTeam, entry("theirs", NOW, "step_passed"));

        assertEquals(List.of("mine"), ids(log.recent(team, 10)));
        assertEquals(List.of("theirs"), ids(log.recent(otherTeam, 10)));
    }

    @Test
    void a_wipe_erases_every_entry_of_the_team_and_nothing_else() {
        IntStream.range(0, 60).forEach(i -> log.append(team, entry("e" + i, NOW.minusSeconds(i), "step_passed")));
        log.append(otherTeam, entry("kept", NOW, "step_passed"));

        log.wipe(team);
        log.wipe(team);

        assertEquals(List.of(), log.recent(team, 500));
        assertTrue(stored(team, "e0").isEmpty() && stored(team, "e59").isEmpty());
        assertEquals(List.of("kept"), ids(log.recent(otherTeam, 10)));
    }
}
