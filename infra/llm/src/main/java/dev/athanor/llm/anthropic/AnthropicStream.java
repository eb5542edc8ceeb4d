package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.Usage;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One streamed reply, event by event (message_start, content_block_start/delta/stop, message_delta, message_stop):
 * text deltas go to the listener, a tool_use block becomes a streamed tool call as OpenAI streams one (its first
 * delta with the call's id and name, then one per input_json_delta fragment, numbered among the calls, not among
 * Anthropic's blocks), thinking is left out. For a JSON answer the forced tool's input fragments are the text.
 * Not thread-safe: one stream's events arrive in order.
 */
final class AnthropicStream {

    private record Call(int index, String id, String name, StringBuilder arguments) {
    }

    private final StreamListener listener;
    private final Runnable outputStarted;
    private final boolean jsonAnswer;
    private final StringBuilder content = new StringBuilder();
    private final List<Call> calls = new ArrayList<>();
    /** The tool calls by the API's block index. */
    private final Map<Integer, Call> callBlocks = new HashMap<>();
    /** The API's block index of the forced tool that carries a JSON answer, once it started. */
    private Integer answerBlock;
    private String messageId;
    private String model;
    private String stopReason;
    private JsonNode usage = Json.object();

    /**
     * @param outputStarted told at each piece the model writes (text, thinking or a tool call), so a long thought
     *                      before the first text does not run into the first-token deadline
     */
    AnthropicStream(ChatRequest request, StreamListener listener, Runnable outputStarted) {
        this.listener = listener;
        this.outputStarted = outputStarted;
        this.jsonAnswer = AnthropicMapping.formatTool(request) != null;
        this.model = request.model();
    }

    /** Takes one event other than error; true once the message has ended. */
    boolean accept(JsonNode event) {
        switch (String.valueOf(Json.text(event, "type"))) {
            case "message_start" -> {
                messageId = Json.text(event, "message", "id");
                model = Json.text(event, "message", "model") != null ? Json.text(event, "message", "model") : model;
                addUsage(Json.at(event, "message", "usage"));
            }
            case "content_block_start" -> blockStarted(event);
            case "content_block_delta" -> delta(Json.integer(event, "index"), Json.at(event, "delta"));
            case "message_delta" -> {
                stopReason = Json.text(event, "delta", "stop_reason") != null
                        ? Json.text(event, "delta", "stop_reason") : stopReason;
                addUsage(Json.at(event, "usage"));
            }
            case "message_stop" -> {
                return true;
            }
            default -> {
                // ping, content_block_stop and events newer than this mapping carry nothing to pass on
            }
        }
        return false;
    }

    ChatResponse summary() {
        List<ToolCall> toolCalls = calls.stream()
                .map(call -> new ToolCall(call.id(), call.name(), call.arguments().toString()))
                .toList();
        return new ChatResponse(messageId, model, content.toString(), toolCalls,
                AnthropicAnswer.finishReason(stopReason, jsonAnswer), AnthropicAnswer.usage(usage));
    }

    private void blockStarted(JsonNode event) {
        if (!"tool_use".equals(Json.text(event, "content_block", "type"))) {
            return;
        }
        outputStarted.run();
        int block = Json.integer(event, "index");
        if (jsonAnswer) {
            answerBlock = answerBlock == null ? block : answerBlock;
            return;
        }
        Call call = new Call(calls.size(), Json.text(event, "content_block", "id"),
                Json.text(event, "content_block", "name"), new StringBuilder());
        calls.add(call);
        callBlocks.put(block, call);
        listener.onToolCall(new ToolCallDelta(call.index(), call.id(), call.name(), ""));
    }

    private void delta(int block, JsonNode delta) {
        outputStarted.run();
        String type = Json.text(delta, "type");
        if ("text_delta".equals(type) && !jsonAnswer) {
            text(Json.text(delta, "text"));
        } else if ("input_json_delta".equals(type)) {
            String fragment = Json.text(delta, "partial_json");
            if (fragment == null || fragment.isEmpty()) {
                return;
            }
            if (answerBlock != null && answerBlock == block) {
                text(fragment);
            } else if (callBlocks.containsKey(block)) {
                Call call = callBlocks.get(block);
                call.arguments().append(fragment);
                listener.onToolCall(new ToolCallDelta(call.index(), null, null, fragment));
            }
        }
        // thinking_delta and signature_delta are the model's private reasoning, not the answer
    }

    private void text(String piece) {
        if (piece != null && !piece.isEmpty()) {
            content.append(piece);
            listener.onDelta(piece);
        }
    }

    /** The counts of message_delta are cumulative: each field keeps the largest value seen. */
    private void addUsage(JsonNode counts) {
        if (counts == null || !counts.isObject()) {
            return;
        }
        Map<String, Object> merged = new HashMap<>();
        for (String field : List.of("input_tokens", "output_tokens", "cache_creation_input_tokens",
                "cache_read_input_tokens")) {
            Long seen = Json.longOrNull(usage, field);
            Long now = Json.longOrNull(counts, field);
            merged.put(field, now == null ? seen : seen == null ? now : Long.valueOf(Math.max(seen, now)));
        }
        usage = Json.node(merged);
    }
}
