package dev.athanor.promptlab.stream;

import dev.athanor.model.llm.ChatMessage;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a backend test sends and how it reads the answer. A URL whose path ends in {@code /chat/completions} is an
 * OpenAI-compatible chat endpoint: it gets a streamed chat request for the project's model. Any other URL is a plain
 * JSON endpoint: it gets the rendered prompt, the variables and the sampling values. Either answer is read by its
 * content type: server-sent events (OpenAI chunks, or this API's own {@code token} events) piece by piece, JSON by
 * its answer field, anything else as text.
 */
final class BackendCall {

    private static final List<String> ANSWER_FIELDS =
            List.of("response", "answer", "content", "output", "text", "result", "message", "generated_text");

    /** What {@link #eventText} returns for the end marker {@code [DONE]}. */
    static final String END = "\u0000end";

    private final JsonMapper json;

    BackendCall(JsonMapper json) {
        this.json = json;
    }

    static boolean isChatCompletions(URI url) {
        String path = url.getPath() == null ? "" : url.getPath().toLowerCase(Locale.ROOT);
        return path.endsWith("/chat/completions") || path.endsWith("/chat/completions/");
    }

    String body(URI url, String model, PromptInput input) {
        Map<String, Object> body = new LinkedHashMap<>();
        var settings = input.settings();
        if (isChatCompletions(url)) {
            body.put("model", model);
            body.put("messages", messages(input.messages()));
            body.put("stream", true);
            putIfSet(body, "temperature", settings.temperature());
            putIfSet(body, "max_tokens", settings.maxLen());
            putIfSet(body, "top_p", settings.topP());
            putIfSet(body, "top_k", settings.topK());
        } else {
            body.put("prompt", input.prompt());
            putIfSet(body, "system_prompt", input.systemPrompt());
            body.put("messages", messages(input.messages()));
            body.put("variables", settings.variables());
            putIfSet(body, "temperature", settings.temperature());
            putIfSet(body, "max_len", settings.maxLen());
            putIfSet(body, "top_p", settings.topP());
            putIfSet(body, "top_k", settings.topK());
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The text one line of an event stream carries, or null when it carries none; the end marker {@code [DONE]} is
     * reported as {@link #END}.
     */
    String eventText(String line) {
        if (!line.startsWith("data:")) {
            return null;
        }
        String data = line.substring(5).strip();
        if (data.equals("[DONE]")) {
            return END;
        }
        JsonNode node = parse(data);
        if (node == null || !node.isObject()) {
            return data.isEmpty() ? null : data;
        }
        JsonNode choices = node.get("choices");
        if (choices != null && choices.isArray() && choices.size() > 0) {
            JsonNode delta = choices.get(0).get("delta");
            String content = delta == null ? null : string(delta.get("content"));
            return content != null ? content : string(choices.get(0).get("text"));
        }
        JsonNode type = node.get("type");
        if (type != null && type.isString() && !type.getStringValue().equals("token")) {
            return null; // status, done and other events of a backend speaking this API
        }
        for (String field : List.of("content", "token", "text", "response")) {
            String text = string(node.get(field));
            if (text != null) {
                return text;
            }
        }
        return null;
    }

    /** The answer in a whole (not streamed) body: its answer field, or the body itself when it has none. */
    String answer(String body) {
        JsonNode node = parse(body);
        if (node == null || !node.isObject()) {
            if (node != null && node.isString()) {
                return node.getStringValue();
            }
            return body;
        }
        JsonNode choices = node.get("choices");
        if (choices != null && choices.isArray() && choices.size() > 0) {
            JsonNode message = choices.get(0).get("message");
            String content = message == null ? null : string(message.get("content"));
            return content != null ? content : string(choices.get(0).get("text"));
        }
        for (String field : ANSWER_FIELDS) {
            JsonNode value = node.get(field);
            if (value != null && value.isString()) {
                return value.getStringValue();
            }
            if (value != null && value.isObject() && string(value.get("content")) != null) {
                return string(value.get("content"));
            }
        }
        return body;
    }

    private JsonNode parse(String text) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String string(JsonNode node) {
        return node != null && node.isString() ? node.getStringValue() : null;
    }

    private static List<Map<String, String>> messages(List<ChatMessage> messages) {
        List<Map<String, String>> out = new ArrayList<>();
        messages.forEach(m -> out.add(Map.of("role", m.role(), "content", m.content())));
        return out;
    }

    private static void putIfSet(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }
}
