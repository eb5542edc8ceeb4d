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
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes usage events as one JDBC batch in one transaction. {@code ON CONFLICT DO NOTHING} makes a redelivered event
 * (same id) a no-op instead of a key violation that would fail the whole batch.
 */
@Singleton
public class JdbcUsageLedger implements UsageLedger {

    private static final String INSERT = """
            INSERT INTO usage_ledger (id, team_id, surface, project, job, agent, provider, model, prompt_tokens,
                completion_tokens, total_tokens, cost_usd, latency_ms, ttft_ms, status, occurred_at, user_id,
                api_key_id, request_type, source, metadata)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING""";

    private final JdbcOperations jdbc;
    private final UsageLedgerRepository repository;

    JdbcUsageLedger(JdbcOperations jdbc, UsageLedgerRepository repository) {
        this.jdbc = jdbc;
        this.repository = repository;
    }

    @Override
    @Transactional
    public int record(List<UsageEvent> events) {
        Map<String, UsageEvent> byId = new LinkedHashMap<>();
        events.forEach(event -> byId.putIfAbsent(event.id(), event));
        if (byId.isEmpty()) {
            return 0;
        }
        return jdbc.prepareStatement(INSERT, statement -> {
            for (UsageEvent event : byId.values()) {
                bind(statement, event);
                statement.addBatch();
            }
            int written = 0;
            for (int count : statement.executeBatch()) {
                written += Math.max(count, 0);
            }
            return written;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public UsageSummary summarize(TeamId team, Instant from, Instant to) {
        TotalsRow totals = repository.totals(team.value(), from, to);
        List<ModelUsage> byModel = repository.totalsByModel(team.value(), from, to).stream()
                .map(row -> new ModelUsage(row.provider(), row.model(), row.totals()))
                .toList();
        return new UsageSummary(team, from, to, totals.totals(), byModel);
    }

    @Override
    @Transactional(readOnly = true)
    public UsageTotals totals(TeamId team, String surface) {
        return repository.surfaceTotals(team.value(), surface).group().totals();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UsageGroup> byJob(TeamId team, String surface) {
        return repository.surfaceTotalsByJob(team.value(), surface).stream().map(GroupRow::group).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UsageGroup> byAgent(TeamId team, String surface) {
        return repository.surfaceTotalsByAgent(team.value(), surface).stream().map(GroupRow::group).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<DailyUsage> daily(TeamId team, String surface, LocalDate first, LocalDate last) {
        Instant since = first.atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return repository.surfaceTotalsByDay(team.value(), surface, since, until).stream().map(DayRow::day).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<UserModelUsage> userUsage(TeamId team, String userId, Instant from, Instant to, String model) {
        List<UserModelRow> rows = model == null ? repository.userTotalsByModel(team.value(), userId, from, to)
                : repository.userTotalsOfModel(team.value(), userId, from, to, model);
        return rows.stream().map(UserModelRow::usage).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public long userTokens(TeamId team, String userId, Instant from, Instant to) {
        return repository.userTokens(team.value(), userId, from, to);
    }

    private static void bind(PreparedStatement statement, UsageEvent event) throws SQLException {
        statement.setString(1, event.id());
        statement.setString(2, event.teamId());
        statement.setString(3, event.surface());
        statement.setString(4, event.project());
        statement.setString(5, event.job());
        statement.setString(6, event.agent());
        statement.setString(7, event.provider());
        statement.setString(8, event.model());
        statement.setInt(9, event.promptTokens());
        statement.setInt(10, event.completionTokens());
        statement.setInt(11, event.totalTokens());
        statement.setBigDecimal(12, event.costUsd());
        statement.setLong(13, event.latencyMs());
        if (event.ttftMs() == null) {
            statement.setNull(14, Types.BIGINT);
        } else {
            statement.setLong(14, event.ttftMs());
        }
        statement.setString(15, event.status());
        statement.setObject(16, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
        statement.setString(17, event.userId());
        statement.setString(18, event.apiKeyId());
        statement.setString(19, event.requestType());
        statement.setString(20, event.source());
        statement.setString(21, event.metadata());
    }
}
