package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ToolCall;
import io.micronaut.json.JsonMapper;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Converse's answer in the port's form: text blocks become the content, toolUse blocks the tool calls with their
 * input as JSON text. When a JSON answer was asked for, the forced tool's input is the content instead, and the
 * text around it (models forced to a tool rarely write any) is left out so the content stays one JSON document.
 */
final class ConverseAnswer {

    private final String providerId;
    private final JsonMapper json;

    ConverseAnswer(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    /**
     * @param jsonTool the name of the tool a JSON answer was forced through, or null for a text answer
     */
    ChatResponse read(String model, ConverseResponse response, String jsonTool) {
        StringBuilder text = new StringBuilder();
        String jsonAnswer = null;
        List<ToolCall> calls = new ArrayList<>();
        List<ContentBlock> blocks = response.output() == null || response.output().message() == null
                ? List.of() : response.output().message().content();
        for (ContentBlock block : blocks) {
            if (block.text() != null) {
                text.append(block.text());
            } else if (block.toolUse() != null) {
                String input = write(block.toolUse().input());
                if (jsonTool != null && jsonTool.equals(block.toolUse().name())) {
                    jsonAnswer = input;
                } else {
                    calls.add(new ToolCall(block.toolUse().toolUseId(), block.toolUse().name(), input));
                }
            }
        }
        String requestId = response.responseMetadata() == null ? null : response.responseMetadata().requestId();
        String id = requestId == null || requestId.equals("UNKNOWN") ? "bedrock-" + UUID.randomUUID() : requestId;
        String content = jsonTool == null ? text.toString() : jsonAnswer == null ? "" : jsonAnswer;
        return new ChatResponse(id, model, content, calls,
                ConverseMapping.finishReason(response.stopReasonAsString(), jsonTool != null),
                ConverseMapping.usage(response.usage()));
    }

    /** A tool input as compact JSON text, as OpenAI carries arguments. */
    String write(Document input) {
        try {
            return json.writeValueAsString(Documents.json(input));
        } catch (IOException e) {
            throw new LlmException(LlmErrorKind.UNAVAILABLE, providerId, 0,
                    "Bedrock answered with a tool input that could not be written as JSON", null, e);
        }
    }
}
