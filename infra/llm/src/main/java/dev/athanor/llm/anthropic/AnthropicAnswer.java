package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A Messages API reply in the port's terms: text blocks make the content, tool_use blocks the tool calls (their input
 * object as JSON text), thinking blocks are left out. When a JSON answer was asked for, the forced tool's input is
 * the whole content (any text beside it is not JSON, so it is left out) and the answer ends as a plain stop.
 */
final class AnthropicAnswer {

    private final String providerId;
    private final JsonMapper json;

    AnthropicAnswer(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    ChatResponse read(ChatRequest request, JsonNode body) {
        String formatTool = AnthropicMapping.formatTool(request);
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        String jsonAnswer = null;
        for (JsonNode block : Json.array(body, "content")) {
            String type = Json.text(block, "type");
            if ("text".equals(type) && Json.text(block, "text") != null) {
                text.append(Json.text(block, "text"));
            } else if ("tool_use".equals(type) && formatTool != null) {
                jsonAnswer = jsonAnswer != null ? jsonAnswer : compact(Json.at(block, "input"));
            } else if ("tool_use".equals(type)) {
                calls.add(new ToolCall(Json.text(block, "id"), Json.text(block, "name"),
                        compact(Json.at(block, "input"))));
            }
        }
        String model = Json.text(body, "model");
        String stopReason = Json.text(body, "stop_reason");
        return new ChatResponse(Json.text(body, "id"), model != null ? model : request.model(),
                formatTool != null ? (jsonAnswer != null ? jsonAnswer : "") : text.toString(),
                calls, finishReason(stopReason, formatTool != null), usage(Json.at(body, "usage")));
    }

    /** A tool's input as compact JSON text, as OpenAI carries arguments. */
    String compact(JsonNode input) {
        if (input == null) {
            return "{}";
        }
        try {
            return json.writeValueAsString(input);
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                    providerId + ": unreadable tool input in the response", null, e);
        }
    }

    /**
     * The API's token counts. Its input_tokens leaves out the tokens read from and written to the prompt cache,
     * while OpenAI's prompt_tokens counts every input token and names the cached ones among them, so the three are
     * added up.
     */
    static Usage usage(JsonNode usage) {
        int cacheRead = Json.integer(usage, "cache_read_input_tokens");
        int prompt = Json.integer(usage, "input_tokens") + Json.integer(usage, "cache_creation_input_tokens")
                + cacheRead;
        Integer cached = Json.at(usage, "cache_read_input_tokens") == null ? null : cacheRead;
        return new Usage(prompt, Json.integer(usage, "output_tokens"), cached, null);
    }

    /** The stop reason in OpenAI's words; a JSON answer's forced tool call is the answer, so a plain stop. */
    static String finishReason(String stopReason, boolean jsonAnswer) {
        if (stopReason == null) {
            return "stop";
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> jsonAnswer ? "stop" : "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }
}
