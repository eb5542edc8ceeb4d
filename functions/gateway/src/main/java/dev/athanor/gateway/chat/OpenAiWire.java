package dev.athanor.gateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/** The OpenAI chat completion wire objects the gateway answers with. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    @Serdeable
    record Completion(String id, String object, long created, String model, List<Choice> choices,
                      UsageBody usage, @JsonProperty("system_fingerprint") String systemFingerprint) {

        static Completion of(String id, long created, ChatResponse response) {
            List<Choice> choices = new ArrayList<>(response.choices().size());
            for (ChatChoice choice : response.choices()) {
                choices.add(Choice.of(choice));
            }
            return new Completion(id, "chat.completion", created, response.model(), choices,
                    UsageBody.of(response.usage()), response.systemFingerprint());
        }
    }

    @Serdeable
    record Choice(int index, Message message, JsonNode logprobs, @JsonProperty("finish_reason") String finishReason) {

        static Choice of(ChatChoice choice) {
            List<ToolCallBody> calls = choice.toolCalls().stream().map(ToolCallBody::of).toList();
            // a turn that only called tools has no content, as OpenAI answers it
            String content = calls.isEmpty() || !choice.content().isEmpty() ? choice.content() : null;
            return new Choice(choice.index(), new Message("assistant", content, null, calls.isEmpty() ? null : calls),
                    choice.logprobs(), choice.finishReason());
        }
    }

    /** An answer's message; tool_calls is there only when the model called tools, as in OpenAI's answers. */
    @Serdeable
    record Message(String role, String content, String refusal,
                   @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("tool_calls") List<ToolCallBody> toolCalls) {
    }

    @Serdeable
    record ToolCallBody(String id, String type, FunctionBody function) {

        static ToolCallBody of(ToolCall call) {
            return new ToolCallBody(call.id(), "function", new FunctionBody(call.name(), call.arguments()));
        }
    }

    @Serdeable
    record FunctionBody(String name, String arguments) {
    }

    /**
     * A stream chunk; finish_reason and usage are explicitly null until known, and the usage chunk's choices an
     * explicitly empty list, as OpenAI sends them (clients reject a chunk without "choices").
     */
    @Serdeable
    record Chunk(String id, String object, long created, String model, List<ChunkChoice> choices, UsageBody usage) {
    }

    @Serdeable
    record ChunkChoice(int index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * A chunk's delta leaves out what it does not carry, as OpenAI's stream does: the role only in the first chunk,
     * and the chunk with the finish reason has an empty delta ({@code {}}).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content, @JsonProperty("tool_calls") List<ToolCallPiece> toolCalls) {

        Delta(String role, String content) {
            this(role, content, null);
        }
    }

    /** A piece of a streamed tool call: id, type and name in its first piece only, then argument fragments. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolCallPiece(int index, String id, String type, FunctionPiece function) {

        static ToolCallPiece of(ToolCallDelta delta) {
            return new ToolCallPiece(delta.index(), delta.id(), delta.id() == null ? null : "function",
                    new FunctionPiece(delta.name(), delta.arguments() == null ? "" : delta.arguments()));
        }
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionPiece(String name, String arguments) {
    }

    /** Token counts; the details only when the vendor said them. */
    @Serdeable
    record UsageBody(@JsonProperty("prompt_tokens") int promptTokens,
                     @JsonProperty("completion_tokens") int completionTokens,
                     @JsonProperty("total_tokens") int totalTokens,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("prompt_tokens_details")
                     PromptDetails promptDetails,
                     @JsonInclude(JsonInclude.Include.NON_NULL) @JsonProperty("completion_tokens_details")
                     CompletionDetails completionDetails) {

        static UsageBody of(Usage usage) {
            return new UsageBody(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                    usage.cachedTokens() == null ? null : new PromptDetails(usage.cachedTokens()),
                    usage.reasoningTokens() == null ? null : new CompletionDetails(usage.reasoningTokens()));
        }
    }

    @Serdeable
    record PromptDetails(@JsonProperty("cached_tokens") int cachedTokens) {
    }

    @Serdeable
    record CompletionDetails(@JsonProperty("reasoning_tokens") int reasoningTokens) {
    }

    /** A failure after the stream began: OpenAI clients raise on a chunk carrying "error". */
    @Serdeable
    record StreamError(ErrorBody error) {
    }

    @Serdeable
    record ErrorBody(String message, String type, Integer code) {
    }
}
