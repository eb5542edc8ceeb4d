package dev.athanor.llm.pricing;

import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.Map;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PricingTableTest {

    private static final Usage MILLION_EACH = new Usage(1_000_000, 1_000_000);

    private final PricingTable table = new PricingTable(JsonMapper.createDefault());

    @Test
    void a_call_costs_input_and_output_tokens_at_their_own_price() {
        // gpt-4o: 2.50 in, 10.00 out per million
        BigDecimal cost = table.cost("gpt-4o", new Usage(1_000, 500));
        assertEquals(0, new BigDecimal("0.0075").compareTo(cost), cost.toPlainString());
    }

    @Test
    void fractional_prices_are_exact() {
        // gemini-1.5-flash-8b: 0.0375 in, 0.15 out; 7 tokens each is 0.0000013125 USD, not rounded away
        assertEquals(0, new BigDecimal("0.0000013125").compareTo(table.cost("gemini-1.5-flash-8b", new Usage(7, 7))));
    }

    @ParameterizedTest(name = "{0} is priced as {1}")
    @CsvSource({
            "gpt-4o-2024-08-06, gpt-4o",
            "gpt-4o-mini-2024-07-18, gpt-4o-mini",
            "gpt-4.1-nano-2025-04-14, gpt-4.1-nano",
            "GPT-4.1, gpt-4.1",
            "o3-mini-2025-01-31, o3-mini",
            "o4-mini, o4-mini",
            "gpt-3.5-turbo-0125, gpt-3.5-turbo",
            "claude-3-5-sonnet-20241022, claude-3-5-sonnet",
            "claude-3-7-sonnet-latest, claude-3-7-sonnet",
            "claude-sonnet-4-20250514, claude-sonnet-4",
            "claude-opus-4-1-20250805, claude-opus-4-1",
            "anthropic/claude-3.5-sonnet, claude-3.5-sonnet",
            "openai/gpt-4o, gpt-4o",
            "models/gemini-2.5-pro, gemini-2.5-pro",
            "gemini-2.0-flash-001, gemini-2.0-flash",
            "gemini-2.5-flash-lite-preview-06-17, gemini-2.5-flash-lite",
            "anthropic.claude-3-5-sonnet-20240620-v1:0, anthropic.claude-3-5-sonnet",
            "us.anthropic.claude-3-7-sonnet-20250219-v1:0, anthropic.claude-3-7-sonnet",
            "amazon.nova-pro-v1:0, amazon.nova-pro",
            "deepseek-reasoner, deepseek-reasoner"
    })
    void dated_versioned_and_routed_ids_match_their_longest_known_prefix(String model, String pricedAs) {
        CostQuote quote = table.quote(model, new Usage(10, 10));
        assertTrue(quote.priced(), model);
        assertEquals(pricedAs, quote.pricedAs());
    }

    @Test
    void a_longer_prefix_wins_over_a_shorter_one() {
        assertEquals(table.price("gpt-4o-mini"), table.price("gpt-4o-mini-2024-07-18"));
        assertFalse(table.price("gpt-4o").equals(table.price("gpt-4o-mini-2024-07-18")));
    }

    @Test
    void a_prefix_only_matches_at_a_version_separator() {
        // gpt-4 must not price gpt-4o-like names, nor a different model such as gpt-4.5
        assertFalse(table.isPriced("gpt-4.5-preview"));
        assertFalse(table.isPriced("o1x"));
    }

    @Test
    void an_unknown_model_costs_zero_and_is_reported_as_unpriced() {
        CostQuote quote = table.quote("llama3:8b", MILLION_EACH);

        assertEquals(0, BigDecimal.ZERO.compareTo(quote.costUsd()));
        assertFalse(quote.priced());
        assertTrue(table.unpricedModels().contains("llama3:8b"));
        assertFalse(table.unpricedModels().contains("gpt-4o"));
    }

    @Test
    void a_missing_or_blank_model_is_unpriced_not_an_error() {
        assertFalse(table.quote(null, MILLION_EACH).priced());
        assertFalse(table.quote(" ", MILLION_EACH).priced());
        assertEquals(0, BigDecimal.ZERO.compareTo(table.cost("gpt-4o", null)));
    }

    @Test
    void the_sandbox_is_priced_and_free() {
        CostQuote quote = table.quote("sandbox", MILLION_EACH);
        assertTrue(quote.priced());
        assertEquals(0, BigDecimal.ZERO.compareTo(quote.costUsd()));
    }

    @Test
    void every_family_the_platform_routes_to_has_a_price() {
        for (String model : new String[] {"gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano",
                "gpt-3.5-turbo", "o1", "o3", "o3-mini", "o4-mini", "claude-3-5-sonnet", "claude-3-5-haiku",
                "claude-3-7-sonnet", "claude-sonnet-4", "claude-opus-4", "claude-3-opus", "deepseek-chat",
                "deepseek-reasoner", "gemini-1.5-flash", "gemini-1.5-pro", "gemini-2.0-flash", "gemini-2.5-flash",
                "gemini-2.5-pro"}) {
            BigDecimal cost = table.cost(model, MILLION_EACH);
            assertTrue(cost.signum() > 0, model + " should cost something, got " + cost);
        }
    }

    @ParameterizedTest(name = "{0} may produce {1} output tokens")
    @CsvSource({
            "gpt-4o-mini, 16384",
            "claude-sonnet-4-20250514, 64000",
            "openai/gpt-4o, 16384",
            "us.anthropic.claude-opus-4-1-20250805-v1:0, 32000",
            "models/gemini-2.5-pro, 65536"
    })
    void the_output_limit_is_found_as_the_price_is(String model, int limit) {
        assertEquals(OptionalInt.of(limit), table.maxOutputTokens(model));
    }

    @Test
    void a_longer_prefix_gives_its_own_output_limit() {
        assertEquals(OptionalInt.of(100_000), table.maxOutputTokens("o1-2024-12-17"));
        assertEquals(OptionalInt.of(65_536), table.maxOutputTokens("o1-mini-2024-09-12"));
    }

    @Test
    void an_unknown_model_or_an_entry_without_a_limit_has_none() {
        assertEquals(OptionalInt.empty(), table.maxOutputTokens("llama3:8b"));
        assertEquals(OptionalInt.empty(), table.maxOutputTokens(null));
        assertEquals(OptionalInt.empty(), table.maxOutputTokens("sandbox"));
        assertTrue(table.isPriced("amazon.nova-pro-v1:0"));
        assertEquals(OptionalInt.empty(), table.maxOutputTokens("amazon.nova-pro-v1:0"));
    }

    @Test
    void a_price_made_without_a_limit_has_none() {
        PricingTable custom = new PricingTable(Map.of("my-model", new ModelPrice(BigDecimal.ONE, BigDecimal.TEN)));
        assertEquals(OptionalInt.empty(), custom.maxOutputTokens("my-model"));
    }

    @Test
    void table_ids_are_matched_case_insensitively() {
        PricingTable custom = new PricingTable(Map.of("My-Model", new ModelPrice(BigDecimal.ONE, BigDecimal.TEN)));
        assertEquals(0, new BigDecimal("11").compareTo(custom.cost("my-model-v2", MILLION_EACH)));
    }
}
