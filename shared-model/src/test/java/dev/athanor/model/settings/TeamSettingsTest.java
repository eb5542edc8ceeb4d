package dev.athanor.model.settings;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeamSettingsTest {

    @Test
    void defaults_are_the_documented_ones() {
        assertEquals(Map.of("daily_cost_limit", "5.00", "smart_model_fallback", "anthropic/claude-3.5-sonnet",
                "max_repair_attempts", "5"), TeamSettings.defaults());
    }

    @Test
    void merge_normalises_known_keys_and_keeps_the_rest() {
        Map<String, String> merged = TeamSettings.merge(TeamSettings.defaults(),
                Map.of("daily_cost_limit", new BigDecimal("10"), "max_repair_attempts", 3, "theme", "dark"));

        assertEquals("10.00", merged.get("daily_cost_limit"));
        assertEquals("3", merged.get("max_repair_attempts"));
        assertEquals("anthropic/claude-3.5-sonnet", merged.get("smart_model_fallback"));
        assertEquals("dark", merged.get("theme"));
    }

    @Test
    void merge_rejects_every_bad_field_at_once_and_names_them() {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put("daily_cost_limit", "-1");
        changes.put("max_repair_attempts", "lots");
        changes.put("Bad Key", "x");
        changes.put("nested", Map.of("a", 1));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TeamSettings.merge(TeamSettings.defaults(), changes));

        assertEquals(Set.of("daily_cost_limit", "max_repair_attempts", "Bad Key", "nested"), e.fieldErrors().keySet());
        assertTrue(e.getMessage().contains("daily_cost_limit must not be negative"), e.getMessage());
    }

    @Test
    void merge_rejects_an_empty_change() {
        assertThrows(InvalidInputException.class, () -> TeamSettings.merge(TeamSettings.defaults(), Map.of()));
    }

    @Test
    void merge_caps_the_number_of_stored_settings() {
        Map<String, Object> many = new LinkedHashMap<>();
        for (int i = 0; i < TeamSettings.MAX_KEYS; i++) {
            many.put("custom_" + i, "v");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TeamSettings.merge(TeamSettings.defaults(), many));
        assertTrue(e.fieldErrors().containsKey("settings"));
    }

    @Test
    void the_active_provider_is_a_provider_name_or_empty() {
        assertEquals("team-vllm", TeamSettings.merge(TeamSettings.defaults(),
                Map.of("llm_provider", " team-vllm ")).get("llm_provider"));
        assertEquals("", TeamSettings.merge(TeamSettings.defaults(), Map.of("llm_provider", ""))
                .get("llm_provider"));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TeamSettings.merge(TeamSettings.defaults(), Map.of("llm_provider", "Not A Name")));
        assertEquals(Set.of("llm_provider"), e.fieldErrors().keySet());
    }

    @Test
    void user_token_quota_is_a_whole_number_of_tokens_or_empty_for_unlimited() {
        assertEquals("1000", TeamSettings.merge(Map.of(), Map.of("user_token_quota", 1000)).get("user_token_quota"));
        assertEquals("250", TeamSettings.merge(Map.of(), Map.of("user_token_quota", "250")).get("user_token_quota"));
        assertEquals("", TeamSettings.merge(Map.of(), Map.of("user_token_quota", "")).get("user_token_quota"));
        for (Object bad : new Object[] {-1, "1.5", "lots", 1_000_000_000_001L}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> TeamSettings.merge(Map.of(), Map.of("user_token_quota", bad)), String.valueOf(bad));
            assertEquals(Set.of("user_token_quota"), e.fieldErrors().keySet());
        }
    }

    @Test
    void the_user_token_quota_is_read_as_a_number_and_absent_empty_or_unreadable_means_unlimited() {
        assertEquals(1000L, TeamSettings.userTokenQuota(Map.of("user_token_quota", "1000")));
        assertEquals(null, TeamSettings.userTokenQuota(Map.of()));
        assertEquals(null, TeamSettings.userTokenQuota(Map.of("user_token_quota", "")));
        assertEquals(null, TeamSettings.userTokenQuota(Map.of("user_token_quota", "many")));
        assertEquals(null, TeamSettings.userTokenQuota(null));
    }
}
