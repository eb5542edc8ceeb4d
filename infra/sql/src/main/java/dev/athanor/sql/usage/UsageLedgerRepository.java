package dev.athanor.sql.usage;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads of the ledger. The SQL is PostgreSQL's, which H2 runs in its PostgreSQL mode, so the dialect is fixed here
 * at compile time for both.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface UsageLedgerRepository extends GenericRepository<UsageRow, String> {

    String AGGREGATES = """
            COUNT(*) AS calls,
            COALESCE(SUM(CASE WHEN status <> 'ok' THEN 1 ELSE 0 END), 0) AS failed_calls,
            COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,
            COALESCE(SUM(completion_tokens), 0) AS completion_tokens,
            COALESCE(SUM(cost_usd), 0) AS cost_usd,
            CAST(COALESCE(AVG(latency_ms), 0) AS BIGINT) AS avg_latency_ms
            """;

    String TEAM_PERIOD = " FROM usage_ledger WHERE team_id = :teamId AND occurred_at >= :since AND occurred_at < :until";

    @Query("SELECT CAST(NULL AS VARCHAR(255)) AS provider, CAST(NULL AS VARCHAR(255)) AS model, " + AGGREGATES + TEAM_PERIOD)
    TotalsRow totals(String teamId, Instant since, Instant until);

    @Query("SELECT provider, model, " + AGGREGATES + TEAM_PERIOD
            + " GROUP BY provider, model ORDER BY cost_usd DESC, calls DESC, model, provider")
    List<TotalsRow> totalsByModel(String teamId, Instant since, Instant until);

    String TEAM_SURFACE = " FROM usage_ledger WHERE team_id = :teamId AND surface = :surface";

    String EPOCH_DAY = "CAST(FLOOR(EXTRACT(EPOCH FROM occurred_at) / 86400) AS BIGINT)";

    @Query("SELECT CAST(NULL AS VARCHAR(255)) AS group_key, " + AGGREGATES + TEAM_SURFACE)
    GroupRow surfaceTotals(String teamId, String surface);

    @Query("SELECT job AS group_key, " + AGGREGATES + TEAM_SURFACE
            + " GROUP BY job ORDER BY cost_usd DESC, calls DESC, group_key")
    List<GroupRow> surfaceTotalsByJob(String teamId, String surface);

    @Query("SELECT agent AS group_key, " + AGGREGATES + TEAM_SURFACE
            + " GROUP BY agent ORDER BY cost_usd DESC, calls DESC, group_key")
    List<GroupRow> surfaceTotalsByAgent(String teamId, String surface);

    @Query("SELECT " + EPOCH_DAY + " AS epoch_day, " + AGGREGATES + TEAM_SURFACE
            + " AND occurred_at >= :since AND occurred_at < :until GROUP BY " + EPOCH_DAY + " ORDER BY epoch_day")
    List<DayRow> surfaceTotalsByDay(String teamId, String surface, Instant since, Instant until);

    // a user's calls, every surface and source; failed attempts carry no tokens and are not requests
    String USER_PERIOD = " FROM usage_ledger WHERE team_id = :teamId AND user_id = :userId"
            + " AND occurred_at >= :since AND occurred_at < :until";

    String USER_AGGREGATES = "model, COALESCE(SUM(total_tokens), 0) AS tokens, COUNT(*) AS requests,"
            + " COALESCE(SUM(cost_usd), 0) AS cost_usd";

    @Query("SELECT " + USER_AGGREGATES + USER_PERIOD + " AND status = 'ok'"
            + " GROUP BY model ORDER BY tokens DESC, requests DESC, model")
    List<UserModelRow> userTotalsByModel(String teamId, String userId, Instant since, Instant until);

    @Query("SELECT " + USER_AGGREGATES + USER_PERIOD + " AND status = 'ok' AND model = :model GROUP BY model")
    List<UserModelRow> userTotalsOfModel(String teamId, String userId, Instant since, Instant until, String model);

    @Query("SELECT COALESCE(SUM(total_tokens), 0) AS tokens" + USER_PERIOD)
    long userTokens(String teamId, String userId, Instant since, Instant until);

    Optional<UsageRow> findById(String id);
}
