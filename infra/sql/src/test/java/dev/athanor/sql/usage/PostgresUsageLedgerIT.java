package dev.athanor.sql.usage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.Map;

/** The ledger on a real PostgreSQL server (embedded binaries, started for this class), as the cloud runs it. */
class PostgresUsageLedgerIT extends UsageLedgerContract {

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void database() throws IOException {
        postgres = EmbeddedPostgres.builder().start();
        start(Map.of("datasources.default.url", postgres.getJdbcUrl("postgres", "postgres"),
                "datasources.default.username", "postgres",
                "datasources.default.password", "postgres"));
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        stopContext();
        if (postgres != null) {
            postgres.close();
        }
    }
}
