package dev.athanor.local;

import java.nio.file.Path;
import java.util.UUID;

/**
 * Where the usage ledger lives locally: an H2 database (PostgreSQL mode, like the cloud's dialect) in a file under
 * the data directory, so it survives a restart, or in memory for an in-memory run. Every function the template gives
 * a database (the ledger function writes the ledger, the factory reads it) gets this one instead, so they share it as they
 * share the cloud's PostgreSQL; Flyway migrates it when the first of their contexts starts.
 */
public final class LocalLedger {

    /** The datasource setting template.yaml gives a function that has a database. */
    public static final String URL_VARIABLE = "DATASOURCES_DEFAULT_URL";
    public static final String URL_PROPERTY = "datasources.default.url";

    private static final String MODE = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    private LocalLedger() {
    }

    /** @param dataDir the platform's data directory, or {@code null} for an in-memory run */
    public static String jdbcUrl(Path dataDir) {
        if (dataDir == null) {
            // a fresh name per stack, so two in-memory stacks in one JVM (tests) do not share a ledger
            return "jdbc:h2:mem:ledger-" + UUID.randomUUID() + MODE + ";DB_CLOSE_DELAY=-1";
        }
        return "jdbc:h2:file:" + dataDir.resolve("ledger").resolve("ledger").toAbsolutePath() + MODE;
    }
}
