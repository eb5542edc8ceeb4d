package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import software.amazon.awssdk.core.document.Document;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Converse's {@code additionalModelRequestFields}: the settings Converse has no field for, in each model family's
 * own request body. Top-k for the families that have it, and Claude's thinking budget for {@code reasoning_effort}.
 */
final class ModelFields {

    /** Room for the answer itself when the caller set no token limit but thinking takes part of it. */
    static final int ANSWER_TOKENS = 4096;

    private ModelFields() {
    }

    /** Whether the model is an Anthropic Claude model, also behind a region's inference profile. */
    static boolean anthropic(String model) {
        return family(model.toLowerCase(Locale.ROOT), "anthropic.");
    }

    /**
     * Claude's thinking budget in tokens for the request's {@code reasoning_effort}, or null when none was asked
     * for. Other families have no such setting, so there it is refused by name.
     */
    static Integer thinkingBudget(String providerId, ChatRequest request) {
        String effort = request.options().reasoningEffort();
        if (effort == null) {
            return null;
        }
        if (!anthropic(request.model())) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "reasoning_effort",
                    "only Anthropic Claude models on Bedrock take a thinking budget");
        }
        return switch (effort.toLowerCase(Locale.ROOT)) {
            case "minimal" -> 1024; // the smallest budget Claude accepts
            case "low" -> 2048;
            case "medium" -> 8192;
            case "high" -> 24576;
            default -> throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "reasoning_effort",
                    "one of minimal, low, medium or high");
        };
    }

    /**
     * The token limit to send: Claude wants it above the thinking budget, so a limit at or under the budget (or
     * none) becomes the budget plus the answer's share; a limit already above it is the caller's and stays.
     */
    static Integer maxTokens(Integer asked, Integer budget) {
        if (budget == null || (asked != null && asked > budget)) {
            return asked;
        }
        return budget + (asked == null ? ANSWER_TOKENS : asked);
    }

    /** The model's own fields, or null when there are none. */
    static Document of(ChatRequest request, Integer thinkingBudget) {
        Map<String, Document> fields = new LinkedHashMap<>(topK(request));
        if (thinkingBudget != null) {
            fields.put("thinking", Document.mapBuilder()
                    .putString("type", "enabled")
                    .putNumber("budget_tokens", thinkingBudget)
                    .build());
        }
        return fields.isEmpty() ? null : Document.fromMap(fields);
    }

    /**
     * Converse has no top-k setting: it goes in the model's own request fields, named as each family's native API
     * names it (Anthropic and Mistral {@code top_k}, Cohere Command R {@code k}, Amazon Nova
     * {@code inferenceConfig.topK}). Other families (Llama, Titan, ...) have none, so it is left out rather than
     * sent to be refused. Inference profile ids ({@code us.anthropic...}) carry the family after the region.
     */
    static Map<String, Document> topK(ChatRequest request) {
        if (request.topK() == null) {
            return Map.of();
        }
        Document k = Document.fromNumber(request.topK());
        String model = request.model().toLowerCase(Locale.ROOT);
        if (family(model, "anthropic.") || family(model, "mistral.")) {
            return Map.of("top_k", k);
        }
        if (family(model, "cohere.command-r")) {
            return Map.of("k", k);
        }
        if (family(model, "amazon.nova")) {
            return Map.of("inferenceConfig", Document.mapBuilder().putDocument("topK", k).build());
        }
        return Map.of();
    }

    static boolean family(String model, String prefix) {
        return model.startsWith(prefix) || model.contains("." + prefix) || model.contains("/" + prefix);
    }
}
