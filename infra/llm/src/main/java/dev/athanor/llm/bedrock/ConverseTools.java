package dev.athanor.llm.bedrock;

import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.tree.JsonNode;
import software.amazon.awssdk.services.bedrockruntime.model.AnyToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.AutoToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.SpecificToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.Tool;
import software.amazon.awssdk.services.bedrockruntime.model.ToolChoice;
import software.amazon.awssdk.services.bedrockruntime.model.ToolConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.ToolInputSchema;
import software.amazon.awssdk.services.bedrockruntime.model.ToolSpecification;

import java.util.List;
import java.util.Map;

/**
 * Converse's {@code toolConfig}: the caller's tools and tool choice, or the one forced tool a JSON answer is given
 * through, since Converse has no JSON output mode: the model must call a tool whose input schema is the answer's
 * schema, and that input is the answer.
 */
final class ConverseTools {

    static final String JSON_TOOL = "json_answer";

    private static final JsonNode ANY_OBJECT = JsonNode.createObjectNode(
            Map.of("type", JsonNode.createStringNode("object")));

    private ConverseTools() {
    }

    /** The name of the tool a JSON answer is forced through, or null when the answer is text. */
    static String jsonTool(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format == null || !format.json()) {
            return null;
        }
        return format.jsonSchema() && format.name() != null && !format.name().isBlank() ? format.name() : JSON_TOOL;
    }

    /** Refuses the tool settings Converse cannot carry out. */
    static void refuse(String providerId, ChatRequest request) {
        if (jsonTool(request) != null && request.offersTools()) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "response_format",
                    "Converse gives a JSON answer through a forced tool of its own, which cannot be combined with "
                            + "the request's tools");
        }
        if (request.hasToolTurns() && request.tools().isEmpty()) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "tools",
                    "Converse needs the tools defined when the conversation holds tool calls");
        }
        if (request.hasToolTurns() && request.toolChoice() != null && request.toolChoice().none()) {
            throw LlmException.unsupported(providerId, ProviderKind.BEDROCK, "tool_choice",
                    "Converse has no 'none' and needs the tools offered when the conversation holds tool calls");
        }
    }

    /** The tool configuration to send, or null for none (no tools, or tool_choice none before any tool turn). */
    static ToolConfiguration config(ChatRequest request) {
        String jsonTool = jsonTool(request);
        if (jsonTool != null) {
            ResponseFormat format = request.responseFormat();
            JsonNode schema = format.jsonSchema() && format.schema() != null ? format.schema() : ANY_OBJECT;
            String description = format.description() != null && !format.description().isBlank()
                    ? format.description() : "Give the answer as this tool's input.";
            return ToolConfiguration.builder()
                    .tools(tool(jsonTool, description, schema))
                    .toolChoice(ToolChoice.fromTool(SpecificToolChoice.builder().name(jsonTool).build()))
                    .build();
        }
        if (!request.offersTools()) {
            return null;
        }
        List<Tool> tools = request.tools().stream()
                .map(ConverseTools::tool)
                .toList();
        ToolConfiguration.Builder config = ToolConfiguration.builder().tools(tools);
        ToolChoice choice = choice(request.toolChoice());
        if (choice != null) {
            config.toolChoice(choice);
        }
        return config.build();
    }

    /** auto, required (Converse's any) or one named tool; null (the model's default, auto) when not given. */
    private static ToolChoice choice(dev.athanor.model.llm.ToolChoice choice) {
        if (choice == null) {
            return null;
        }
        if (choice.required()) {
            return ToolChoice.fromAny(AnyToolChoice.builder().build());
        }
        if (choice.named()) {
            return ToolChoice.fromTool(SpecificToolChoice.builder().name(choice.function()).build());
        }
        return ToolChoice.fromAuto(AutoToolChoice.builder().build());
    }

    private static Tool tool(ToolDefinition definition) {
        return tool(definition.name(), definition.description(), definition.parameters());
    }

    private static Tool tool(String name, String description, JsonNode schema) {
        ToolSpecification.Builder spec = ToolSpecification.builder()
                .name(name)
                .inputSchema(ToolInputSchema.fromJson(Documents.of(schema)));
        if (description != null && !description.isBlank()) {
            spec.description(description);
        }
        return Tool.fromToolSpec(spec.build());
    }
}
