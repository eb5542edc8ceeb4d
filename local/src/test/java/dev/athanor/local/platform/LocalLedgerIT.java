package dev.athanor.local.platform;

import dev.athanor.local.LocalLedger;
import dev.athanor.model.TeamId;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker's local ledger: an H2 file under the data directory, migrated at start-up, kept across restarts. */
@ExtendWith(LocalStackExtension.class)
class LocalLedgerIT {

    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void the_ledger_is_a_file_under_the_data_directory_and_survives_a_restart(@TempDir Path dataDir) {
        Map<String, Object> ledgerFile = Map.of(LocalLedger.URL_PROPERTY, LocalLedger.jdbcUrl(dataDir));
        try (ApplicationContext worker = TestFunctions.start("LedgerFunction", ledgerFile)) {
            worker.getBean(UsageLedger.class).record(List.of(new UsageEvent("c1", "team-a", "gateway", null, null,
                    null, "openai", "gpt-4o", 10, 5, new BigDecimal("0.01"), 100, null, "ok", T0)));
        }
        assertTrue(Files.exists(dataDir.resolve("ledger").resolve("ledger.mv.db")));

        try (ApplicationContext restarted = TestFunctions.start("LedgerFunction", ledgerFile)) {
            var summary = restarted.getBean(UsageLedger.class).summarize(TeamId.of("team-a"), T0, T0.plusSeconds(1));
            assertEquals(1, summary.totals().calls());
        }
    }

    @Test
    void an_in_memory_run_gets_a_ledger_of_its_own() {
        assertTrue(LocalLedger.jdbcUrl(null).startsWith("jdbc:h2:mem:"));
        assertTrue(!LocalLedger.jdbcUrl(null).equals(LocalLedger.jdbcUrl(null)));
    }
}
