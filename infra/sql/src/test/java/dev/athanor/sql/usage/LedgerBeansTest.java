package dev.athanor.sql.usage;

import dev.athanor.model.usage.UsageLedger;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Every Lambda handler builds its singletons at start-up: a function without a database must not try to open one. */
class LedgerBeansTest {

    @Test
    void without_a_configured_datasource_there_is_no_ledger_and_no_datasource() {
        try (ApplicationContext context = ApplicationContext.builder().deduceEnvironment(false)
                .eagerInitSingletons(true).properties(Map.of("athanor.surface", "gateway")).start()) {
            assertFalse(context.containsBean(UsageLedger.class));
            assertFalse(context.containsBean(UsageLedgerRepository.class));
            assertFalse(context.containsBean(DataSource.class));
        }
    }
}
