package dev.athanor.model.agents;

import dev.athanor.model.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgentChangesTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final AgentConfig DEFAULTS = new AgentConfig("dev_agent", "Dev Agent", "flutter_factory", "active",
            "sandbox", "You write Dart.", "Writes code.", null);

    @Test
    void given_fields_override_the_defaults_and_the_rest_stay_default() {
        AgentOverride override = AgentChanges.apply("dev_agent", null,
                Map.of("model", " gpt-4o-mini ", "systemPrompt", "You are a senior developer."),
                AgentChanges.EDITABLE, NOW);

        AgentConfig config = override.over(DEFAULTS);
        assertEquals("gpt-4o-mini", config.model());
        assertEquals("You are a senior developer.", config.systemPrompt());
        assertEquals("Dev Agent", config.name());
        assertEquals("active", config.status());
        assertEquals("flutter_factory", config.type());
        assertEquals(NOW, config.updatedAt());
    }

    @Test
    void null_resets_one_field_and_keeps_the_other_overrides() {
        AgentOverride current = new AgentOverride("dev_agent", "Coder", "disabled", "gpt-4o", "Custom.", null,
                NOW.minusSeconds(60));
        Map<String, Object> changes = new HashMap<>();
        changes.put("system_prompt", null);

        AgentOverride changed = AgentChanges.apply("dev_agent", current, changes, AgentChanges.EDITABLE, NOW);

        assertNull(changed.systemPrompt());
        assertEquals("You write Dart.", changed.over(DEFAULTS).systemPrompt());
        assertEquals("gpt-4o", changed.model());
        assertEquals("Coder", changed.name());
        assertEquals("disabled", changed.status());
    }

    @Test
    void fields_outside_the_allowed_ones_are_ignored_and_none_left_is_an_error() {
        AgentOverride changed = AgentChanges.apply("dev_agent", null,
                Map.of("model", "gpt-4o", "status", "disabled", "agent_id", "x"),
                List.of(AgentChanges.MODEL, AgentChanges.SYSTEM_PROMPT), NOW);
        assertEquals("gpt-4o", changed.model());
        assertNull(changed.status());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> AgentChanges.apply("dev_agent",
                null, Map.of("status", "disabled"), List.of(AgentChanges.MODEL, AgentChanges.SYSTEM_PROMPT), NOW));
        assertEquals("Give at least one of: model, system_prompt", e.getMessage());
        assertThrows(InvalidInputException.class,
                () -> AgentChanges.apply("dev_agent", null, null, AgentChanges.EDITABLE, NOW));
    }

    @Test
    void invalid_values_are_all_named_and_nothing_is_applied() {
        Map<String, Object> changes = Map.of("model", "gpt 4o", "system_prompt", "  ", "status", "paused",
                "name", 42, "description", "d".repeat(AgentChanges.MAX_DESCRIPTION + 1));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AgentChanges.apply("dev_agent", null, changes, AgentChanges.EDITABLE, NOW));

        assertEquals(List.of("description", "model", "name", "status", "system_prompt"),
                e.fieldErrors().keySet().stream().sorted().toList());
        assertTrue(e.getMessage().startsWith("Invalid agent configuration: description"), e.getMessage());
    }

    @Test
    void a_system_prompt_longer_than_the_limit_is_refused() {
        Map<String, Object> changes = Map.of("system_prompt", "p".repeat(AgentChanges.MAX_SYSTEM_PROMPT + 1));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> AgentChanges.apply("dev_agent", null, changes, AgentChanges.EDITABLE, NOW));
        assertEquals(List.of("system_prompt"), List.copyOf(e.fieldErrors().keySet()));
    }
}
