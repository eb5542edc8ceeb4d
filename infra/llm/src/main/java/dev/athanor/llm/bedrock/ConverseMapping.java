package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.Usage;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Translates the port's chat request into Converse's shape and Converse's answer back. */
final class ConverseMapping {

    /** The parts Converse and ConverseStream share: system blocks, turns and the inference settings. */
    record Parts(List<SystemContentBlock> system, List<Message> messages, InferenceConfiguration inference,
                 Document additionalFields) {
    }

    private ConverseMapping() {
    }

    static ConverseRequest converse(String providerId, ChatRequest request) {
        Parts parts = parts(providerId, request);
        ConverseRequest.Builder builder = ConverseRequest.builder()
                .modelId(request.model())
                .messages(parts.messages());
        if (!parts.system().isEmpty()) {
            builder.system(parts.system());
        }
        if (parts.inference() != null) {
            builder.inferenceConfig(parts.inference());
        }
        if (parts.additionalFields() != null) {
            builder.additionalModelRequestFields(parts.additionalFields());
        }
        return builder.build();
    }

    static ConverseStreamRequest converseStream(String providerId, ChatRequest request) {
        Parts parts = parts(providerId, request);
        ConverseStreamRequest.Builder builder = ConverseStreamRequest.builder()
                .modelId(request.model())
                .messages(parts.messages());
        if (!parts.system().isEmpty()) {
            builder.system(parts.system());
        }
        if (parts.inference() != null) {
            builder.inferenceConfig(parts.inference());
        }
        if (parts.additionalFields() != null) {
            builder.additionalModelRequestFields(parts.additionalFields());
        }
        return builder.build();
    }

    static Parts parts(String providerId, ChatRequest request) {
        List<SystemContentBlock> system = new ArrayList<>();
        List<Message> messages = new ArrayList<>();
        ConversationRole currentRole = null;
        List<ContentBlock> currentContent = new ArrayList<>();
        for (ChatMessage message : request.messages()) {
            String role = message.role().toLowerCase(Locale.ROOT);
            if (role.equals("system")) {
                if (!message.content().isBlank()) {
                    system.add(SystemContentBlock.fromText(message.content()));
                }
                continue;
            }
            ConversationRole turnRole = switch (role) {
                case "user", "tool" -> ConversationRole.USER; // a tool's text result is input to the model
                case "assistant" -> ConversationRole.ASSISTANT;
                default -> throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                        "Unknown message role '" + message.role() + "'");
            };
            if (message.content().isBlank()) {
                continue; // Converse rejects blank text blocks
            }
            // Converse wants user and assistant turns to alternate: consecutive turns of one role become one
            if (turnRole != currentRole && currentRole != null) {
                messages.add(Message.builder().role(currentRole).content(currentContent).build());
                currentContent = new ArrayList<>();
            }
            currentRole = turnRole;
            currentContent.add(ContentBlock.fromText(message.content()));
        }
        if (currentRole != null) {
            messages.add(Message.builder().role(currentRole).content(currentContent).build());
        }
        if (messages.isEmpty()) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                    "A Bedrock chat needs at least one user message with text");
        }
        return new Parts(system, messages, inference(request), topK(request));
    }

    /**
     * Converse has no top-k setting: it goes in the model's own request fields, named as each family's native API
     * names it (Anthropic and Mistral {@code top_k}, Cohere Command R {@code k}, Amazon Nova
     * {@code inferenceConfig.topK}). Other families (Llama, Titan, ...) have none, so it is left out rather than
     * sent to be refused. Inference profile ids ({@code us.anthropic...}) carry the family after the region.
     */
    static Document topK(ChatRequest request) {
        if (request.topK() == null) {
            return null;
        }
        Document k = Document.fromNumber(request.topK());
        String model = request.model().toLowerCase(Locale.ROOT);
        if (family(model, "anthropic.") || family(model, "mistral.")) {
            return Document.mapBuilder().putDocument("top_k", k).build();
        }
        if (family(model, "cohere.command-r")) {
            return Document.mapBuilder().putDocument("k", k).build();
        }
        if (family(model, "amazon.nova")) {
            return Document.mapBuilder().putDocument("inferenceConfig",
                    Document.mapBuilder().putDocument("topK", k).build()).build();
        }
        return null;
    }

    private static boolean family(String model, String prefix) {
        return model.startsWith(prefix) || model.contains("." + prefix) || model.contains("/" + prefix);
    }

    /** Only the settings the caller chose, so the model's own defaults apply to the rest; null when none. */
    static InferenceConfiguration inference(ChatRequest request) {
        if (request.maxTokens() == null && request.temperature() == null && request.topP() == null
                && request.stop().isEmpty()) {
            return null;
        }
        InferenceConfiguration.Builder builder = InferenceConfiguration.builder();
        if (request.maxTokens() != null) {
            builder.maxTokens(request.maxTokens());
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

    static String text(ConverseResponse response) {
        if (response.output() == null || response.output().message() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : response.output().message().content()) {
            if (block.text() != null) {
                text.append(block.text());
            }
        }
        return text.toString();
    }

    static Usage usage(TokenUsage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        return new Usage(orZero(usage.inputTokens()), orZero(usage.outputTokens()));
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

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
