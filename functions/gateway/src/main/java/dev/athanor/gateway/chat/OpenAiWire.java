package dev.athanor.gateway.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.llm.Usage;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The OpenAI chat completion wire objects the gateway answers with. */
final class OpenAiWire {

    private OpenAiWire() {
    }

    @Serdeable
    record Completion(String id, String object, long created, String model, List<Choice> choices,
                      UsageBody usage) {
    }

    @Serdeable
    record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    @Serdeable
    record Message(String role, String content) {
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
    record Delta(String role, String content) {
    }

    @Serdeable
    record UsageBody(@JsonProperty("prompt_tokens") int promptTokens,
                     @JsonProperty("completion_tokens") int completionTokens,
                     @JsonProperty("total_tokens") int totalTokens) {

        static UsageBody of(Usage usage) {
            return new UsageBody(usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        }
    }

    /** A failure after the stream began: OpenAI clients raise on a chunk carrying "error". */
    @Serdeable
    record StreamError(ErrorBody error) {
    }

    @Serdeable
    record ErrorBody(String message, String type, Integer code) {
    }
}
