package dev.athanor.aws.budget;

import dev.athanor.aws.dynamo.OnlyTables;
import dev.athanor.aws.dynamo.TableNames;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetExceededException;
import dev.athanor.model.budget.BudgetHold;
import dev.athanor.model.budget.DailyBudget;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The budgets table on DynamoDB Local: holds racing from many threads, settle, release, expiry and wipe. */
@ExtendWith(LocalStackExtension.class)
class DynamoBudgetStoreIT {

    private static final Instant NOW = Instant.parse("2026-03-04T12:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2026-03-04");
    private static final Duration HOLD_FOR = Duration.ofMinutes(15);
    private static final BigDecimal LIMIT = new BigDecimal("1.00");

    private String tableName;
    private DynamoDbClient dynamo;
    private DynamoBudgetStore store;
    private TeamId team;

    @BeforeEach
    void setUp() {
        tableName = LocalStackExtension.stack().functionEnvironment("FactoryWorkerFunction")
                .get("ATHANOR_DYNAMODB_TABLES_BUDGETS");
        dynamo = LocalStackExtension.stack().dynamo();
        store = new DynamoBudgetStore(DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build(),
                OnlyTables.of("budgets", tableName));
        // a fresh team per test: the embedded table is shared by the whole test JVM
        team = TeamId.of("budget-" + UUID.randomUUID());
    }

    private Map<String, AttributeValue> storedDay(TeamId owner, LocalDate day) {
        return dynamo.getItem(r -> r.tableName(tableName).consistentRead(true).key(Map.of(
                "team_id", AttributeValue.fromS(owner.value()),
                "id", AttributeValue.fromS("daily#" + day)))).item();
    }

    private static BigDecimal usd(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void holds_reserved_at_once_from_many_threads_never_pass_the_limit_together() throws Exception {
        int threads = 24;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    start.await();
                    try {
                        store.reserve(team, usd("0.15"), LIMIT, NOW, HOLD_FOR);
                        return true;
                    } catch (BudgetExceededException refused) {
                        return false;
                    }
                }));
            }
            start.countDown();
            int granted = 0;
            for (Future<Boolean> outcome : outcomes) {
                granted += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }

            assertEquals(6, granted, "6 x $0.15 fit under $1.00, a 7th would not");
            DailyBudget day = store.day(team, DAY, NOW);
            assertEquals(6, day.holds().size());
            assertEquals(0, usd("0.90").compareTo(day.held()));
            assertEquals(6, storedDay(team, DAY).get("holds").m().size());
        } finally {
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void settling_replaces_the_hold_by_the_actual_cost_and_a_second_settle_adds_nothing() {
        BudgetHold hold = store.reserve(team, usd("0.40"), LIMIT, NOW, HOLD_FOR);

        store.settle(team, hold, usd("0.25"), NOW.plusSeconds(5));
        store.settle(team, hold, usd("0.25"), NOW.plusSeconds(6));

        Map<String, AttributeValue> stored = storedDay(team, DAY);
        assertEquals(0, usd("0.25").compareTo(new BigDecimal(stored.get("spent_usd").n())));
        assertTrue(stored.get("holds").m().isEmpty());
        assertTrue(stored.get("settled").m().containsKey(hold.id()));
        assertEquals("2", stored.get("version").n(), "created by the hold, changed once by the first settle");
        assertEquals(0, usd("0.25").compareTo(store.day(team, DAY, NOW).spent()));
    }

    @Test
    void a_settled_cost_counts_against_later_holds() {
        BudgetHold hold = store.reserve(team, usd("0.50"), LIMIT, NOW, HOLD_FOR);
        store.settle(team, hold, usd("0.95"), NOW.plusSeconds(5));

        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> store.reserve(team, usd("0.06"), LIMIT, NOW.plusSeconds(10), HOLD_FOR));
        assertEquals(0, usd("0.95").compareTo(refused.spent()));
        assertEquals(1, store.reserve(team, usd("0.05"), LIMIT, NOW.plusSeconds(10), HOLD_FOR).amount()
                .compareTo(BigDecimal.ZERO));
    }

    @Test
    void releasing_frees_the_hold_without_cost() {
        BudgetHold hold = store.reserve(team, usd("0.80"), LIMIT, NOW, HOLD_FOR);
        assertThrows(BudgetExceededException.class, () -> store.reserve(team, usd("0.30"), LIMIT, NOW, HOLD_FOR));

        store.release(team, hold, NOW.plusSeconds(1));

        store.reserve(team, usd("0.30"), LIMIT, NOW.plusSeconds(2), HOLD_FOR);
        DailyBudget day = store.day(team, DAY, NOW.plusSeconds(2));
        assertEquals(0, day.spent().signum());
        assertEquals(0, usd("0.30").compareTo(day.held()));
    }

    @Test
    void the_hold_of_a_call_that_never_settled_stops_counting_when_it_expires_and_is_dropped_on_the_next_write() {
        BudgetHold crashed = store.reserve(team, usd("0.90"), LIMIT, NOW, Duration.ofMinutes(1));
        assertThrows(BudgetExceededException.class,
                () -> store.reserve(team, usd("0.20"), LIMIT, NOW.plusSeconds(59), HOLD_FOR));

        BudgetHold next = store.reserve(team, usd("0.20"), LIMIT, NOW.plusSeconds(60), HOLD_FOR);

        Map<String, AttributeValue> holds = storedDay(team, DAY).get("holds").m();
        assertEquals(List.of(next.id()), List.copyOf(holds.keySet()));
        assertFalse(holds.containsKey(crashed.id()));
        assertEquals(String.valueOf(next.expiresAt().toEpochMilli()), holds.get(next.id()).m().get("expires_at").n());
    }

    @Test
    void each_utc_day_has_its_own_item_that_the_table_purges_a_week_after_the_day() {
        store.reserve(team, usd("0.90"), LIMIT, Instant.parse("2026-03-04T23:59:00Z"), HOLD_FOR);

        store.reserve(team, usd("0.90"), LIMIT, Instant.parse("2026-03-05T00:01:00Z"), HOLD_FOR);

        Map<String, AttributeValue> first = storedDay(team, DAY);
        assertEquals(String.valueOf(Instant.parse("2026-03-12T00:00:00Z").getEpochSecond()), first.get("purge_at").n());
        assertEquals(1, storedDay(team, DAY.plusDays(1)).get("holds").m().size());
    }

    @Test
    void a_wipe_erases_every_day_of_the_team_and_no_other_team() {
        TeamId other = TeamId.of("other-" + UUID.randomUUID());
        store.reserve(team, usd("0.10"), LIMIT, NOW, HOLD_FOR);
        store.reserve(team, usd("0.10"), LIMIT, NOW.plus(Duration.ofDays(1)), HOLD_FOR);
        store.reserve(other, usd("0.10"), LIMIT, NOW, HOLD_FOR);

        store.wipe(team);

        assertTrue(storedDay(team, DAY).isEmpty());
        assertTrue(storedDay(team, DAY.plusDays(1)).isEmpty());
        assertFalse(storedDay(other, DAY).isEmpty());
        assertEquals("budgets", store.name());
    }
}
