package dev.athanor.core.budget;

import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallCostEstimatorTest {

    private static final PricingTable PRICES = new PricingTable(JsonMapper.createDefault());

    private final BudgetConfiguration configuration = new BudgetConfiguration();
    private final CallCostEstimator estimator = new CallCostEstimator(PRICES, configuration);

    private static ChatRequest request(String model, Integer maxTokens, String... contents) {
        List<ChatMessage> messages = Arrays.stream(contents).map(ChatMessage::user).toList();
        return new ChatRequest(model, messages, null, null, maxTokens, null);
    }

    private static void assertUsd(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), actual.toPlainString());
    }

    @Test
    void prompt_tokens_are_the_characters_over_two_rounded_up_plus_the_chat_formats_own() {
        // 3 for the reply, then 4 + ceil(5 / 2) and 4 + 0
        assertEquals(3 + 4 + 3 + 4, estimator.promptTokens(request("gpt-4o-mini", null, "abcde", "")));
    }

    @Test
    void a_prompt_is_estimated_at_more_tokens_than_english_text_or_code_take() {
        String english = "The quick brown fox jumps over the lazy dog and keeps running through the field.";
        // about 17 tokens with OpenAI's tokenizers; the estimate must not be lower
        assertEquals(3 + 4 + 40, estimator.promptTokens(request("gpt-4o-mini", null, english)));
    }

    @Test
    void the_characters_per_token_can_be_configured() {
        configuration.setPromptCharsPerToken(4);
        assertEquals(3 + 4 + 2, estimator.promptTokens(request("gpt-4o-mini", null, "abcde")));
    }

    @Test
    void completion_tokens_are_max_tokens_or_the_configured_default() {
        assertEquals(300, estimator.completionTokens(request("gpt-4o-mini", 300, "hi")));
        assertEquals(4096, estimator.completionTokens(request("gpt-4o-mini", null, "hi")));
        configuration.setDefaultCompletionTokens(1000);
        assertEquals(1000, estimator.completionTokens(request("gpt-4o-mini", null, "hi")));
    }

    @Test
    void the_maximum_prices_the_estimated_prompt_and_the_whole_completion_with_the_metering_prices() {
        // gpt-4o: 2.50 in, 10.00 out per million; 3 + 4 + 1000 prompt tokens for 2000 characters, 500 out
        BigDecimal maximum = estimator.maximum(request("gpt-4o", 500, "x".repeat(2000)));

        assertUsd("0.0075175", maximum);
        assertEquals(0, PRICES.cost("gpt-4o", new Usage(1007, 500)).compareTo(maximum));
    }

    @Test
    void a_dated_or_routed_model_id_is_priced_as_its_model() {
        assertEquals(estimator.maximum(request("gpt-4o-mini", 100, "hi")),
                estimator.maximum(request("openai/gpt-4o-mini-2024-07-18", 100, "hi")));
    }

    @Test
    void a_model_without_a_price_costs_nothing() {
        assertUsd("0", estimator.maximum(request("sandbox", 100_000, "x".repeat(10_000))));
        assertUsd("0", estimator.maximum(request("some-local-model", null, "hi")));
    }

    @Test
    void the_actual_cost_comes_from_the_reported_usage() {
        ChatRequest request = request("gpt-4o-mini", 4000, "hi");
        ChatResponse response = new ChatResponse("c1", "gpt-4o-mini", "ok", "stop", new Usage(10, 3000));

        // gpt-4o-mini: 0.15 in, 0.60 out per million
        assertUsd("0.0018015", estimator.actual(request, response.usage()));
    }

    @Test
    void a_call_whose_vendor_reported_no_usage_costs_its_maximum() {
        ChatRequest request = request("gpt-4o-mini", 4000, "hi");
        ChatResponse response = new ChatResponse("c1", "gpt-4o-mini", "ok", "stop", Usage.NONE);

        assertEquals(estimator.maximum(request), estimator.actual(request, response.usage()));
    }
}
