package dev.athanor.sql.usage;

import io.micronaut.context.ApplicationContext;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A ledger deployed before calls were attributed (migrated to V2, holding rows) is brought to V3 when a function
 * starts on it: the old rows stay readable, as metered calls of no user, and the per-user index exists.
 */
class LedgerMigrationTest {

    @Test
    void v3_on_an_existing_v2_ledger_keeps_its_rows_as_metered_calls_without_a_user() throws SQLException {
        String url = "jdbc:h2:mem:" + UsageLedgerContract.uniqueName()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        Flyway.configure().dataSource(url, "sa", "").target("2").load().migrate();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    INSERT INTO usage_ledger (id, team_id, surface, provider, model, prompt_tokens, completion_tokens,
                        total_tokens, cost_usd, latency_ms, status, occurred_at)
                    VALUES ('old-1', 'team-a', 'gateway', 'openai', 'gpt-4o', 10, 5, 15, 0.5, 100, 'ok',
                        TIMESTAMP WITH TIME ZONE '2025-06-01 12:00:00+00')""");
        }

        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .eagerInitSingletons(true).properties(Map.of("datasources.default.url", url,
                        "datasources.default.username", "sa", "datasources.default.password", "",
                        "flyway.datasources.default.enabled", true)).start()) {
            UsageRow old = context.getBean(UsageLedgerRepository.class).findById("old-1").orElseThrow();

            assertEquals("team-a", old.teamId());
            assertEquals(15, old.totalTokens());
            assertEquals(Instant.parse("2025-06-01T12:00:00Z"), old.occurredAt());
            assertNull(old.userId());
            assertNull(old.apiKeyId());
            assertNull(old.requestType());
            assertNull(old.metadata());
            assertEquals("metered", old.source());
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet version = statement.executeQuery(
                     "SELECT MAX(CAST(version AS INT)) FROM flyway_schema_history WHERE success")) {
            assertTrue(version.next());
            assertEquals(3, version.getInt(1));
        }
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement();
             ResultSet index = statement.executeQuery("SELECT COUNT(*) FROM information_schema.indexes"
                     + " WHERE LOWER(index_name) = 'usage_ledger_team_user_time'")) {
            assertTrue(index.next());
            assertTrue(index.getInt(1) > 0, "the per-user index exists");
        }
    }
}
