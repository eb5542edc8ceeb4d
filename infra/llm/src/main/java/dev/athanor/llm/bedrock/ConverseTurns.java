package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ToolCall;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ImageBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ImageSource;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolResultContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ToolUseBlock;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The conversation in Converse's form: system turns become system blocks; user, assistant and tool turns become
 * content blocks of user and assistant messages. A tool's answer is a toolResult block in a user message, and
 * consecutive turns of one role are sent as one message, because Converse wants user and assistant to alternate.
 */
final class ConverseTurns {

    record Turns(List<SystemContentBlock> system, List<Message> messages) {
    }

    private final String providerId;
    private final JsonMapper json;

    ConverseTurns(String providerId, JsonMapper json) {
        this.providerId = providerId;
        this.json = json;
    }

    Turns map(ChatRequest request) {
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
                case "user", "tool" -> ConversationRole.USER; // a tool's result is input to the model
                case "assistant" -> ConversationRole.ASSISTANT;
                default -> throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                        "Unknown message role '" + message.role() + "'");
            };
            List<ContentBlock> blocks = role.equals("tool") ? List.of(toolResult(message)) : blocks(message);
            if (blocks.isEmpty()) {
                continue; // Converse rejects blank text blocks, and a message without blocks
            }
            if (turnRole != currentRole && currentRole != null) {
                messages.add(Message.builder().role(currentRole).content(currentContent).build());
                currentContent = new ArrayList<>();
            }
            currentRole = turnRole;
            currentContent.addAll(blocks);
        }
        if (currentRole != null) {
            messages.add(Message.builder().role(currentRole).content(currentContent).build());
        }
        if (messages.isEmpty()) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                    "A Bedrock chat needs at least one user message with text");
        }
        return new Turns(system, messages);
    }

    /** A user or assistant turn's text and images in order, then the calls an assistant turn made. */
    private List<ContentBlock> blocks(ChatMessage message) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (ContentPart part : message.contentParts()) {
            if (part instanceof ContentPart.Text text && !text.text().isBlank()) {
                blocks.add(ContentBlock.fromText(text.text()));
            } else if (part instanceof ContentPart.Image image) {
                // URL images were refused before: Converse takes bytes (or S3 objects) only
                blocks.add(ContentBlock.fromImage(ImageBlock.builder()
                        .format(image.format())
                        .source(ImageSource.fromBytes(SdkBytes.fromByteArray(image.bytes())))
                        .build()));
            }
        }
        for (ToolCall call : message.toolCalls()) {
            blocks.add(ContentBlock.fromToolUse(ToolUseBlock.builder()
                    .toolUseId(call.id())
                    .name(call.name())
                    .input(Documents.of(arguments(call)))
                    .build()));
        }
        return blocks;
    }

    private ContentBlock toolResult(ChatMessage message) {
        if (message.toolCallId() == null || message.toolCallId().isBlank()) {
            throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                    "A tool message needs the tool_call_id of the call it answers").withParam("messages");
        }
        List<ToolResultContentBlock> content = message.content().isBlank()
                ? List.of() : List.of(ToolResultContentBlock.fromText(message.content()));
        return ContentBlock.fromToolResult(ToolResultBlock.builder()
                .toolUseId(message.toolCallId())
                .content(content)
                .build());
    }

    /** A call's arguments as a JSON object: Converse carries a tool's input as JSON, not as text. */
    private JsonNode arguments(ToolCall call) {
        try {
            JsonNode input = json.readValue(call.arguments(), JsonNode.class);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException | RuntimeException unreadable) {
            // refused below, as for any arguments that are not an object
        }
        throw new LlmException(LlmErrorKind.INVALID_REQUEST, providerId,
                "The arguments of tool call '" + call.id() + "' are not a JSON object").withParam("messages");
    }
}
