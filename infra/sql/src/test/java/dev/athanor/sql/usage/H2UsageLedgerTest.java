package dev.athanor.sql.usage;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

/** The ledger on embedded H2 in PostgreSQL mode, as the local platform runs it. */
class H2UsageLedgerTest extends UsageLedgerContract {

    @BeforeAll
    static void database() {
        start(Map.of("datasources.default.url", "jdbc:h2:mem:" + uniqueName()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "datasources.default.username", "sa",
                "datasources.default.password", ""));
    }
}
