package dev.athanor.sql.usage;

import dev.athanor.model.TeamId;
import dev.athanor.model.usage.DailyUsage;
import dev.athanor.model.usage.ModelUsage;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageGroup;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsageSummary;
import dev.athanor.model.usage.UsageTotals;
import dev.athanor.model.usage.UserModelUsage;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every database the ledger runs on must do, run once per database: the subclass says how to reach it.
 * The context is configured as the ledger function's is (datasource settings and Flyway at start-up), so the migration is
 * part of what is tested.
 */
abstract class UsageLedgerContract {

    static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    private static ApplicationContext context;
    private UsageLedger ledger;
    private UsageLedgerRepository rows;

    /** Starts (once) a context on the subclass's database. */
    static void start(Map<String, Object> datasource) {
        Map<String, Object> properties = new java.util.HashMap<>(datasource);
        properties.put("flyway.datasources.default.enabled", true);
        context = ApplicationContext.builder().deduceEnvironment(false).eagerInitSingletons(true)
                .properties(properties).start();
    }

    @AfterAll
    static void stopContext() {
        if (context != null) {
            context.close();
        }
    }

    @BeforeEach
    void clean() {
        ledger = context.getBean(UsageLedger.class);
        rows = context.getBean(UsageLedgerRepository.class);
        context.getBean(JdbcOperations.class).execute(c -> c.createStatement().executeUpdate("DELETE FROM usage_ledger"));
    }

    @Test
    void a_batch_is_written_with_every_column() {
        UsageEvent streamed = new UsageEvent("e1", "team-a", "gateway", "p1", "job-7", "planner", "openai", "gpt-4o",
                1200, 300, new BigDecimal("0.0060000000"), 850, 120L, "ok", T0);
        UsageEvent plain = event("e2", "team-a", "anthropic", "claude-3-5-sonnet", "0.5", T0.plusSeconds(1));

        assertEquals(2, ledger.record(List.of(streamed, plain)));

        UsageRow row = rows.findById("e1").orElseThrow();
        assertEquals("team-a", row.teamId());
        assertEquals("gateway", row.surface());
        assertEquals("p1", row.project());
        assertEquals("job-7", row.job());
        assertEquals("planner", row.agent());
        assertEquals("openai", row.provider());
        assertEquals("gpt-4o", row.model());
        assertEquals(1200, row.promptTokens());
        assertEquals(300, row.completionTokens());
        assertEquals(1500, row.totalTokens());
        assertEquals(0, new BigDecimal("0.006").compareTo(row.costUsd()));
        assertEquals(850, row.latencyMs());
        assertEquals(120L, row.ttftMs());
        assertEquals("ok", row.status());
        assertEquals(T0, row.occurredAt());
        assertTrue(row.recordedAt() != null && row.recordedAt().isAfter(T0), "recorded_at is set by the database");
        assertNull(rows.findById("e2").orElseThrow().ttftMs());
    }

    @Test
    void a_redelivered_event_is_written_once_and_does_not_fail_its_batch() {
        ledger.record(List.of(event("e1", "team-a", "openai", "gpt-4o", "1.0", T0)));

        int written = ledger.record(List.of(
                event("e1", "team-a", "openai", "gpt-4o", "1.0", T0),
                event("e2", "team-a", "openai", "gpt-4o", "2.0", T0),
                event("e2", "team-a", "openai", "gpt-4o", "2.0", T0)));

        assertEquals(1, written);
        UsageSummary summary = ledger.summarize(TeamId.of("team-a"), T0, T0.plusSeconds(60));
        assertEquals(2, summary.totals().calls());
        assertEquals(0, new BigDecimal("3.0").compareTo(summary.totals().costUsd()));
    }

    @Test
    void a_failing_batch_writes_nothing() {
        UsageEvent valid = event("e1", "team-a", "openai", "gpt-4o", "1.0", T0);
        UsageEvent tooLong = event("e2", "x".repeat(65), "openai", "gpt-4o", "1.0", T0);

        assertThrows(RuntimeException.class, () -> ledger.record(List.of(valid, tooLong)));

        assertTrue(rows.findById("e1").isEmpty(), "the batch is one transaction");
    }

    @Test
    void summary_totals_and_breaks_down_one_team_and_period_by_model_most_expensive_first() {
        ledger.record(List.of(
                event("a1", "team-a", "openai", "gpt-4o", "0.25", T0),
                event("a2", "team-a", "openai", "gpt-4o", "0.25", T0.plusSeconds(10)),
                failed("a3", "team-a", "anthropic", "claude-3-5-sonnet", T0.plusSeconds(20)),
                event("a4", "team-a", "anthropic", "claude-3-5-sonnet", "1.10", T0.plusSeconds(30)),
                event("late", "team-a", "openai", "gpt-4o", "9", T0.plusSeconds(3600)),
                event("early", "team-a", "openai", "gpt-4o", "9", T0.minusSeconds(1)),
                event("other", "team-b", "openai", "gpt-4o", "9", T0.plusSeconds(5))));

        UsageSummary summary = ledger.summarize(TeamId.of("team-a"), T0, T0.plusSeconds(3600));

        assertEquals(4, summary.totals().calls(), "only team-a, only [from, to)");
        assertEquals(1, summary.totals().failedCalls());
        assertEquals(400, summary.totals().promptTokens());
        assertEquals(200, summary.totals().completionTokens());
        assertEquals(600, summary.totals().totalTokens());
        assertEquals(0, new BigDecimal("1.60").compareTo(summary.totals().costUsd()), summary.totals().costUsd().toPlainString());
        assertEquals(100, summary.totals().avgLatencyMs());
        List<ModelUsage> byModel = summary.byModel();
        assertEquals(List.of("claude-3-5-sonnet", "gpt-4o"), byModel.stream().map(ModelUsage::model).toList());
        assertEquals("anthropic", byModel.get(0).provider());
        assertEquals(2, byModel.get(0).totals().calls());
        assertEquals(1, byModel.get(0).totals().failedCalls());
        assertEquals(0, new BigDecimal("0.50").compareTo(byModel.get(1).totals().costUsd()));
    }

    @Test
    void a_period_without_calls_sums_to_zero() {
        UsageSummary summary = ledger.summarize(TeamId.of("nobody"), T0, T0.plusSeconds(60));

        assertEquals(0, summary.totals().calls());
        assertEquals(0, BigDecimal.ZERO.compareTo(summary.totals().costUsd()));
        assertTrue(summary.byModel().isEmpty());
    }

    @Test
    void an_empty_batch_writes_nothing() {
        assertEquals(0, ledger.record(List.of()));
    }

    @Test
    void surface_totals_count_one_teams_calls_of_that_surface_only() {
        ledger.record(List.of(
                factoryCall("f1", "team-a", "my-app", "dev_agent", "0.50", "ok", T0),
                factoryCall("f2", "team-a", "my-app", "qa_agent", "0.25", "rate_limited", T0.minusSeconds(86400 * 400)),
                factoryCall("f3", "team-a", null, "dev_agent", "0.125", "ok", T0.plusSeconds(5)),
                event("g1", "team-a", "openai", "gpt-4o", "9", T0),
                factoryCall("b1", "team-b", "my-app", "dev_agent", "7", "ok", T0)));

        UsageTotals totals = ledger.totals(TeamId.of("team-a"), "factory");

        assertEquals(3, totals.calls(), "all time, this team, this surface");
        assertEquals(1, totals.failedCalls());
        assertEquals(300, totals.promptTokens());
        assertEquals(150, totals.completionTokens());
        assertEquals(0, new BigDecimal("0.875").compareTo(totals.costUsd()), totals.costUsd().toPlainString());
        assertEquals(0, ledger.totals(TeamId.of("nobody"), "factory").calls());
        assertEquals(0, BigDecimal.ZERO.compareTo(ledger.totals(TeamId.of("nobody"), "factory").costUsd()));
    }

    @Test
    void breakdowns_by_job_and_agent_are_most_expensive_first_and_add_up_to_the_total() {
        ledger.record(List.of(
                factoryCall("f1", "team-a", "my-app", "dev_agent", "0.50", "ok", T0),
                factoryCall("f2", "team-a", "my-app", "qa_agent", "0.25", "ok", T0),
                factoryCall("f3", "team-a", "another-app", "dev_agent", "1.00", "ok", T0),
                factoryCall("f4", "team-a", null, "qa_agent", "0.10", "ok", T0),
                factoryCall("f5", "team-a", "another-app", null, "0.05", "timeout", T0),
                factoryCall("b1", "team-b", "my-app", "dev_agent", "7", "ok", T0)));

        List<UsageGroup> byJob = ledger.byJob(TeamId.of("team-a"), "factory");
        assertEquals(Arrays.asList("another-app", "my-app", null), byJob.stream().map(UsageGroup::key).toList());
        assertEquals(0, new BigDecimal("1.05").compareTo(byJob.get(0).totals().costUsd()));
        assertEquals(2, byJob.get(0).totals().calls());
        assertEquals(1, byJob.get(0).totals().failedCalls());
        assertEquals(0, new BigDecimal("0.75").compareTo(byJob.get(1).totals().costUsd()));

        List<UsageGroup> byAgent = ledger.byAgent(TeamId.of("team-a"), "factory");
        assertEquals(Arrays.asList("dev_agent", "qa_agent", null), byAgent.stream().map(UsageGroup::key).toList());
        assertEquals(0, new BigDecimal("1.50").compareTo(byAgent.get(0).totals().costUsd()));
        assertEquals(2, byAgent.get(0).totals().calls());
        assertEquals(200, byAgent.get(0).totals().promptTokens());
        assertEquals(100, byAgent.get(0).totals().completionTokens());
        assertEquals(0, new BigDecimal("0.35").compareTo(byAgent.get(1).totals().costUsd()));
        BigDecimal sum = byAgent.stream().map(g -> g.totals().costUsd()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, new BigDecimal("1.90").compareTo(sum));
        assertTrue(ledger.byJob(TeamId.of("nobody"), "factory").isEmpty());
    }

    @Test
    void daily_totals_follow_utc_days_and_leave_out_days_without_calls_and_days_outside_the_range() {
        Instant day1 = Instant.parse("2025-06-01T00:00:00Z");
        ledger.record(List.of(
                factoryCall("d0", "team-a", "j", "a", "5", "ok", day1.minusMillis(1)),
                factoryCall("d1", "team-a", "j", "a", "0.10", "ok", day1),
                factoryCall("d2", "team-a", "j", "a", "0.20", "ok", Instant.parse("2025-06-01T23:59:59.999Z")),
                factoryCall("d3", "team-a", "j", "a", "0.40", "ok", Instant.parse("2025-06-03T10:00:00Z")),
                factoryCall("d4", "team-a", "j", "a", "5", "ok", Instant.parse("2025-06-04T00:00:00Z")),
                factoryCall("b1", "team-b", "j", "a", "5", "ok", Instant.parse("2025-06-02T10:00:00Z")),
                event("g1", "team-a", "openai", "gpt-4o", "5", Instant.parse("2025-06-02T10:00:00Z"))));

        List<DailyUsage> days = ledger.daily(TeamId.of("team-a"), "factory", LocalDate.parse("2025-06-01"),
                LocalDate.parse("2025-06-03"));

        assertEquals(List.of(LocalDate.parse("2025-06-01"), LocalDate.parse("2025-06-03")),
                days.stream().map(DailyUsage::date).toList());
        assertEquals(2, days.get(0).totals().calls());
        assertEquals(0, new BigDecimal("0.30").compareTo(days.get(0).totals().costUsd()));
        assertEquals(1, days.get(1).totals().calls());
        assertEquals(0, new BigDecimal("0.40").compareTo(days.get(1).totals().costUsd()));
    }

    @Test
    void an_attributed_call_keeps_its_user_key_request_type_source_and_metadata() {
        UsageEvent reported = userCall("r1", "team-a", "user-1", "gpt-4o", 150, "0.001", UsageEvent.REPORTED, T0);
        UsageEvent unattributed = event("m1", "team-a", "openai", "gpt-4o", "0.5", T0);

        ledger.record(List.of(reported, unattributed));

        UsageRow row = rows.findById("r1").orElseThrow();
        assertEquals("user-1", row.userId());
        assertEquals("key-1", row.apiKeyId());
        assertEquals("chat_completion", row.requestType());
        assertEquals("reported", row.source());
        assertEquals("{\"conversation_id\":\"s1\"}", row.metadata());
        UsageRow plain = rows.findById("m1").orElseThrow();
        assertNull(plain.userId());
        assertNull(plain.apiKeyId());
        assertNull(plain.requestType());
        assertEquals("metered", plain.source());
        assertNull(plain.metadata());
    }

    @Test
    void a_users_usage_is_per_model_most_tokens_first_within_the_period_team_and_user_and_counts_successes_only() {
        ledger.record(List.of(
                userCall("u1", "team-a", "user-1", "gpt-4o", 100, "0.25", UsageEvent.METERED, T0),
                userCall("u2", "team-a", "user-1", "gpt-4o", 50, "0.125", UsageEvent.REPORTED, T0.plusSeconds(5)),
                userCall("u3", "team-a", "user-1", "claude-3-5-sonnet", 400, "1.5", UsageEvent.METERED,
                        T0.plusSeconds(10)),
                failedUserCall("u4", "team-a", "user-1", "gpt-4o", T0.plusSeconds(11)),
                userCall("late", "team-a", "user-1", "gpt-4o", 7, "9", UsageEvent.METERED, T0.plusSeconds(3600)),
                userCall("early", "team-a", "user-1", "gpt-4o", 7, "9", UsageEvent.METERED, T0.minusSeconds(1)),
                userCall("other-user", "team-a", "user-2", "gpt-4o", 7, "9", UsageEvent.METERED, T0),
                userCall("other-team", "team-b", "user-1", "gpt-4o", 7, "9", UsageEvent.METERED, T0),
                event("no-user", "team-a", "openai", "gpt-4o", "9", T0)));
        TeamId team = TeamId.of("team-a");

        List<UserModelUsage> usage = ledger.userUsage(team, "user-1", T0, T0.plusSeconds(3600), null);

        assertEquals(List.of("claude-3-5-sonnet", "gpt-4o"), usage.stream().map(UserModelUsage::model).toList());
        assertEquals(400, usage.get(0).tokens());
        assertEquals(1, usage.get(0).requests());
        assertEquals(0, new BigDecimal("1.5").compareTo(usage.get(0).costUsd()));
        assertEquals(150, usage.get(1).tokens());
        assertEquals(2, usage.get(1).requests(), "the failed attempt is not a request");
        assertEquals(0, new BigDecimal("0.375").compareTo(usage.get(1).costUsd()));

        List<UserModelUsage> onlyGpt = ledger.userUsage(team, "user-1", T0, T0.plusSeconds(3600), "gpt-4o");
        assertEquals(List.of("gpt-4o"), onlyGpt.stream().map(UserModelUsage::model).toList());
        assertEquals(150, onlyGpt.get(0).tokens());
        assertEquals(List.of(), ledger.userUsage(team, "user-1", T0, T0.plusSeconds(3600), "gpt-9"));
        assertEquals(List.of(), ledger.userUsage(TeamId.of("team-c"), "user-1", T0, T0.plusSeconds(3600), null));

        assertEquals(550, ledger.userTokens(team, "user-1", T0, T0.plusSeconds(3600)));
        assertEquals(0, ledger.userTokens(team, "nobody", T0, T0.plusSeconds(3600)));
    }

    static UsageEvent userCall(String id, String team, String user, String model, int tokens, String cost,
                               String source, Instant at) {
        return new UsageEvent(id, team, "gateway", null, null, null, "openai", model, tokens, 0,
                new BigDecimal(cost), 100, null, "ok", at, user, "key-1", "chat_completion", source,
                UsageEvent.REPORTED.equals(source) ? "{\"conversation_id\":\"s1\"}" : null);
    }

    static UsageEvent failedUserCall(String id, String team, String user, String model, Instant at) {
        return new UsageEvent(id, team, "gateway", null, null, null, "openai", model, 0, 0, BigDecimal.ZERO, 100,
                null, "timeout", at, user, null, "chat_completion", UsageEvent.METERED, null);
    }

    static UsageEvent factoryCall(String id, String team, String job, String agent, String cost, String status,
                                  Instant at) {
        return new UsageEvent(id, team, "factory", null, job, agent, "openai", "gpt-4o", 100, 50,
                new BigDecimal(cost), 100, null, status, at);
    }

    static UsageEvent event(String id, String team, String provider, String model, String cost, Instant at) {
        return new UsageEvent(id, team, "gateway", null, null, null, provider, model, 100, 50, new BigDecimal(cost),
                100, null, "ok", at);
    }

    static UsageEvent failed(String id, String team, String provider, String model, Instant at) {
        return new UsageEvent(id, team, "gateway", null, null, null, provider, model, 100, 50, BigDecimal.ZERO,
                100, null, "rate_limited", at);
    }

    static String uniqueName() {
        return "ledger_" + UUID.randomUUID().toString().replace("-", "");
    }
}
