package dev.athanor.model.keys;

import dev.athanor.model.budget.BudgetPeriod;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeyTextTest {

    private static final String SECRET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_9";

    @Test
    void a_formatted_key_parses_back_into_its_id_and_secret() {
        String key = ApiKeyText.format("0123456789abcdef", SECRET);

        ApiKeyText.Parsed parsed = ApiKeyText.parse(key).orElseThrow();

        assertEquals("sk-ath-0123456789abcdef-" + SECRET, key);
        assertEquals("0123456789abcdef", parsed.keyId());
        assertEquals(SECRET, parsed.secret());
    }

    @Test
    void text_that_is_not_exactly_a_key_does_not_parse() {
        assertTrue(ApiKeyText.parse("sk-ath-0123456789abcdef-" + SECRET.substring(1)).isEmpty());
        assertTrue(ApiKeyText.parse("sk-ath-0123456789ABCDEF-" + SECRET).isEmpty());
        assertTrue(ApiKeyText.parse("sk-ath-0123456789abcdef_" + SECRET).isEmpty());
        assertTrue(ApiKeyText.parse("sk-ath-0123456789abcdef-" + SECRET.replace('a', '*')).isEmpty());
        assertTrue(ApiKeyText.parse("eyJhbGciOiJIUzI1NiJ9.e30.x").isEmpty());
        assertTrue(ApiKeyText.parse(null).isEmpty());
    }

    @Test
    void only_the_right_secret_matches_the_stored_hash() {
        String hash = ApiKeyText.hash(SECRET);

        assertEquals(64, hash.length());
        assertTrue(ApiKeyText.matches(hash, SECRET));
        assertFalse(ApiKeyText.matches(hash, SECRET.replace('a', 'b')));
        assertFalse(ApiKeyText.matches("not hex", SECRET));
    }

    @Test
    void budget_periods_are_utc_days_and_calendar_months() {
        Instant at = Instant.parse("2026-02-28T23:59:59Z");

        assertEquals(LocalDate.parse("2026-02-28"), BudgetPeriod.DAY.start(at));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), BudgetPeriod.DAY.end(BudgetPeriod.DAY.start(at)));
        assertEquals(LocalDate.parse("2026-02-01"), BudgetPeriod.MONTH.start(at));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), BudgetPeriod.MONTH.end(BudgetPeriod.MONTH.start(at)));
    }

    @Test
    void a_key_allows_listed_models_by_name_or_with_their_provider() {
        ApiKey key = new ApiKey("0123456789abcdef", dev.athanor.model.TeamId.of("t"), "n", "member", null,
                Instant.EPOCH, Instant.parse("2030-01-01T00:00:00Z"), java.util.List.of("gpt-4o"), null, null, null,
                null, null, ApiKeyText.hash(SECRET), null);

        assertTrue(key.allows("gpt-4o"));
        assertTrue(key.allows("openai/gpt-4o"));
        assertFalse(key.allows("gpt-4o-mini"));
        assertTrue(key.activeAt(Instant.parse("2029-12-31T23:59:59Z")));
        assertFalse(key.activeAt(Instant.parse("2030-01-01T00:00:00Z")));
        assertFalse(key.revoked(Instant.EPOCH).activeAt(Instant.EPOCH));
    }
}
