package dev.athanor.llm.bedrock;

import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;

import java.util.List;
import java.util.Set;

/**
 * Translates the port's chat request into Converse's shape. What Converse cannot do is refused by name here, before
 * any call: n, seed, the penalties, logit_bias, logprobs and parallel_tool_calls=false have no Converse field, and
 * reasoning_effort has one only for Claude. {@code user} and {@code metadata} have no field either; being
 * informational, they are left out.
 */
final class ConverseMapping {

    /** The parts Converse and ConverseStream share. */
    record Parts(List<SystemContentBlock> system, List<Message> messages, InferenceConfiguration inference,
                 ToolConfiguration tools, Document additionalFields) {
    }

    private final String providerId;
    private final ConverseTurns turns;

    ConverseMapping(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.turns = new ConverseTurns(providerId, json);
    }

    ConverseRequest converse(ChatRequest request) {
        Parts parts = parts(request);
        ConverseRequest.Builder builder = ConverseRequest.builder()
                .modelId(request.model())
                .messages(parts.messages());
        if (!parts.system().isEmpty()) {
            builder.system(parts.system());
        }
        if (parts.inference() != null) {
            builder.inferenceConfig(parts.inference());
        }
        if (parts.tools() != null) {
            builder.toolConfig(parts.tools());
        }
        if (parts.additionalFields() != null) {
            builder.additionalModelRequestFields(parts.additionalFields());
        }
        return builder.build();
    }

    ConverseStreamRequest converseStream(ChatRequest request) {
        Parts parts = parts(request);
        ConverseStreamRequest.Builder builder = ConverseStreamRequest.builder()
                .modelId(request.model())
                .messages(parts.messages());
        if (!parts.system().isEmpty()) {
            builder.system(parts.system());
        }
        if (parts.inference() != null) {
            builder.inferenceConfig(parts.inference());
        }
        if (parts.tools() != null) {
            builder.toolConfig(parts.tools());
        }
        if (parts.additionalFields() != null) {
            builder.additionalModelRequestFields(parts.additionalFields());
        }
        return builder.build();
    }

    Parts parts(ChatRequest request) {
        Integer thinkingBudget = ModelFields.thinkingBudget(providerId, request);
        Unsupported.refuseOptions(providerId, ProviderKind.BEDROCK, request, Set.of("reasoning_effort"));
        Unsupported.refuseImageUrls(providerId, ProviderKind.BEDROCK, request);
        ConverseTools.refuse(providerId, request);
        ConverseTurns.Turns mapped = turns.map(request);
        return new Parts(mapped.system(), mapped.messages(), inference(request, thinkingBudget),
                ConverseTools.config(request), ModelFields.of(request, thinkingBudget));
    }

    /** Only the settings the caller chose, so the model's own defaults apply to the rest; null when none. */
    static InferenceConfiguration inference(ChatRequest request, Integer thinkingBudget) {
        Integer maxTokens = ModelFields.maxTokens(request.maxTokens(), thinkingBudget);
        if (maxTokens == null && request.temperature() == null && request.topP() == null
                && request.stop().isEmpty()) {
            return null;
        }
        InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
        if (maxTokens != null) {
            builder.maxTokens(maxTokens);
        }
        if (request.temperature() != null) {
            builder.temperature(request.temperature().floatValue());
        }
        if (request.topP() != null) {
            builder.topP(request.topP().floatValue());
        }
        if (!request.stop().isEmpty()) {
            builder.stopSequences(request.stop());
        }
        return builder.build();
    }

    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        return new Usage(orZero(usage.inputTokens()), orZero(usage.outputTokens()), usage.cacheReadInputTokens(),
                null);
    }

    /** Converse's stop reasons in the OpenAI vocabulary the port speaks. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "content_filtered", "guardrail_intervened" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, and reasons newer than this mapping
        };
    }

    /**
     * The finish reason of an answer: a JSON answer arrives as the forced tool's call, yet for the caller it is the
     * whole answer, so the model stopped, not for a tool.
     */
    static String finishReason(String stopReason, boolean jsonAnswer) {
        return jsonAnswer && "tool_use".equals(stopReason) ? "stop" : finishReason(stopReason);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
