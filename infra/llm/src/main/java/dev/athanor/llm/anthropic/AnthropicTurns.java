package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ToolCall;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The conversation in the Messages API's form: system prompts apart, every other turn a user or assistant turn of
 * content blocks (text, image, tool_use, tool_result). The API wants the roles to alternate, so consecutive turns of
 * one role (several tool results, a tool result then the user's next question) become one turn of several blocks.
 */
final class AnthropicTurns {

    /** The system prompt (null when there is none) and the alternating turns. */
    record Conversation(String system, List<JsonNode> messages) {
    }

    private final String providerId;
    private final JsonMapper json;

    AnthropicTurns(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    Conversation conversation(List<ChatMessage> chat) {
        List<String> system = new ArrayList<>();
        List<JsonNode> messages = new ArrayList<>();
        String role = null;
        List<JsonNode> blocks = new ArrayList<>();
        for (ChatMessage message : chat) {
            if ("system".equals(message.role())) {
                system.add(message.content());
                continue;
            }
            List<JsonNode> next = blocks(message);
            if (next.isEmpty()) {
                continue; // the API refuses empty turns and empty text blocks
            }
            // a tool's answer is input to the model, so it travels in a user turn
            String nextRole = "assistant".equals(message.role()) ? "assistant" : "user";
            if (role != null && !role.equals(nextRole)) {
                messages.add(turn(role, blocks));
                blocks = new ArrayList<>();
            }
            role = nextRole;
            blocks.addAll(next);
        }
        if (role != null) {
            messages.add(turn(role, blocks));
        }
        return new Conversation(system.isEmpty() ? null : String.join("\n\n", system), messages);
    }

    /** A turn of one text block keeps the plain string form; anything else is a list of blocks. */
    private static JsonNode turn(String role, List<JsonNode> blocks) {
        if (blocks.size() == 1 && "text".equals(Json.text(blocks.get(0), "type"))) {
            return Json.object("role", role, "content", Json.text(blocks.get(0), "text"));
        }
        return Json.object("role", role, "content", blocks);
    }

    private List<JsonNode> blocks(ChatMessage message) {
        List<JsonNode> blocks = new ArrayList<>();
        if (message.toolCallId() != null) {
            blocks.add(Json.object("type", "tool_result", "tool_use_id", message.toolCallId(),
                    "content", message.content()));
            return blocks;
        }
        for (ContentPart part : message.contentParts()) {
            if (part instanceof ContentPart.Text text && !text.text().isEmpty()) {
                blocks.add(Json.object("type", "text", "text", text.text()));
            } else if (part instanceof ContentPart.Image image) {
                blocks.add(Json.object("type", "image", "source", image.inline()
                        ? Json.object("type", "base64", "media_type", image.mediaType(), "data", image.base64())
                        : Json.object("type", "url", "url", image.url())));
            }
        }
        for (ToolCall call : message.toolCalls()) {
            blocks.add(Json.object("type", "tool_use", "id", call.id(), "name", call.name(),
                    "input", input(call)));
        }
        return blocks;
    }

    /** OpenAI carries a call's arguments as JSON text; the API wants the object itself. */
    private JsonNode input(ToolCall call) {
        JsonNode input;
        try {
            input = json.readValue(call.arguments().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        } catch (IOException | RuntimeException notJson) {
            input = null;
        }
        if (input == null || !input.isObject()) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                    providerId + ": the arguments of tool call '" + call.id() + "' are not a JSON object")
                    .withParam("messages");
        }
        return input;
    }
}
