package dev.athanor.llm.anthropic;

import dev.athanor.llm.http.Json;
import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatOptions;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenAI chat request as a Messages API body, and the refusal, before any call, of what the API cannot do.
 * <ul>
 *   <li>A JSON answer ({@code response_format} json_object or json_schema) is a tool the model is forced to call,
 *   named after the format, whose input schema is the format's schema; its input is the answer
 *   ({@link #formatTool}).</li>
 *   <li>{@code reasoning_effort} is extended thinking with a token budget ({@link #THINKING_BUDGETS}); the API counts
 *   the budget inside {@code max_tokens} and wants {@code max_tokens} above it, so a limit at or below the budget
 *   is sent as budget plus limit, leaving the caller's limit for the answer.</li>
 * </ul>
 */
final class AnthropicMapping {

    /** The tool a JSON answer is asked for by when its format has no name. */
    static final String DEFAULT_FORMAT_TOOL = "json_answer";

    /** Thinking tokens per reasoning_effort; the API's minimum budget is 1024. */
    static final Map<String, Integer> THINKING_BUDGETS =
            Map.of("minimal", 1024, "low", 2048, "medium", 8192, "high", 24576);

    private static final Set<String> SUPPORTED_OPTIONS = Set.of("parallel_tool_calls", "reasoning_effort");
    private static final String FORMAT_TOOL_DESCRIPTION = "Give your answer as this tool's input.";
    private static final JsonNode ANY_OBJECT = Json.object("type", "object");

    private final String providerId;
    private final int defaultMaxTokens;
    private final AnthropicTurns turns;

    AnthropicMapping(String providerId, int defaultMaxTokens, JsonMapper json) {
        this.providerId = providerId;
        this.defaultMaxTokens = defaultMaxTokens;
        this.turns = new AnthropicTurns(providerId, json);
    }

    /** The name of the tool that carries a JSON answer, or null when the request asks for text. */
    static String formatTool(ChatRequest request) {
        ResponseFormat format = request.responseFormat();
        if (format == null || !format.json()) {
            return null;
        }
        return format.jsonSchema() && format.name() != null && !format.name().isBlank()
                ? format.name() : DEFAULT_FORMAT_TOOL;
    }

    JsonNode body(ChatRequest request, boolean stream) {
        refuseWhatTheApiCannotDo(request);
        AnthropicTurns.Conversation conversation = turns.conversation(request.messages());
        ChatOptions options = request.options();
        Integer budget = options.reasoningEffort() == null ? null : THINKING_BUDGETS.get(options.reasoningEffort());
        int maxTokens = request.maxTokens() != null ? request.maxTokens() : defaultMaxTokens;
        if (budget != null && maxTokens <= budget) {
            maxTokens = budget + maxTokens;
        }
        return Json.object(
                "model", request.model(),
                "max_tokens", maxTokens,
                "system", conversation.system(),
                "messages", conversation.messages(),
                "tools", tools(request),
                "tool_choice", toolChoice(request),
                "thinking", budget == null ? null : Json.object("type", "enabled", "budget_tokens", budget),
                "metadata", options.user() == null ? null : Json.object("user_id", options.user()),
                "temperature", request.temperature(),
                "top_p", request.topP(),
                "top_k", request.topK(),
                "stop_sequences", request.stop().isEmpty() ? null : request.stop(),
                "stream", stream ? Boolean.TRUE : null);
    }

    private void refuseWhatTheApiCannotDo(ChatRequest request) {
        Unsupported.refuseOptions(providerId, ProviderKind.ANTHROPIC, request, SUPPORTED_OPTIONS);
        if (request.temperature() != null && request.temperature() > 1.0) {
            throw unsupported("temperature", "Anthropic takes a temperature from 0 to 1");
        }
        String format = formatTool(request);
        if (format != null && request.offersTools()) {
            throw unsupported("response_format", "a JSON answer is a forced tool call here, so it cannot be asked "
                    + "for together with tools the model may call");
        }
        String effort = request.options().reasoningEffort();
        if (effort != null) {
            refuseWhatThinkingCannotDo(request, effort, format != null);
        }
    }

    /** Extended thinking refuses sampling changes and forced tool calls, and needs its own signed blocks back. */
    private void refuseWhatThinkingCannotDo(ChatRequest request, String effort, boolean json) {
        if (!THINKING_BUDGETS.containsKey(effort)) {
            throw unsupported("reasoning_effort", "takes minimal, low, medium or high");
        }
        if (request.temperature() != null && request.temperature() != 1.0) {
            throw unsupported("temperature", "Anthropic's extended thinking (reasoning_effort) runs at temperature 1 "
                    + "only");
        }
        if (request.topK() != null) {
            throw unsupported("top_k", "Anthropic's extended thinking (reasoning_effort) takes no top_k");
        }
        if (request.topP() != null && request.topP() < 0.95) {
            throw unsupported("top_p", "Anthropic's extended thinking (reasoning_effort) takes a top_p from 0.95 "
                    + "to 1 only");
        }
        if (json) {
            throw unsupported("response_format", "a JSON answer is a forced tool call here, and Anthropic's extended "
                    + "thinking (reasoning_effort) allows none");
        }
        ToolChoice choice = request.toolChoice();
        if (!request.tools().isEmpty() && choice != null && (choice.required() || choice.named())) {
            throw unsupported("tool_choice", "Anthropic's extended thinking (reasoning_effort) allows tool_choice "
                    + "auto or none only");
        }
        if (lastAssistantTurnCalledTools(request.messages())) {
            throw unsupported("reasoning_effort", "Anthropic wants the signed thinking of the assistant turn that "
                    + "called tools sent back with its results, which OpenAI's message format cannot carry; "
                    + "continue a tool exchange without reasoning_effort");
        }
    }

    private static boolean lastAssistantTurnCalledTools(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("assistant".equals(messages.get(i).role())) {
                return !messages.get(i).toolCalls().isEmpty();
            }
        }
        return false;
    }

    /** The caller's tools, plus the one that carries a JSON answer when one is asked for; null for none. */
    private static List<JsonNode> tools(ChatRequest request) {
        List<JsonNode> tools = new ArrayList<>();
        for (ToolDefinition tool : request.tools()) {
            tools.add(Json.object("name", tool.name(), "description", tool.description(),
                    "input_schema", tool.parameters()));
        }
        String format = formatTool(request);
        if (format != null) {
            ResponseFormat asked = request.responseFormat();
            tools.add(Json.object("name", format,
                    "description", asked.description() != null ? asked.description() : FORMAT_TOOL_DESCRIPTION,
                    "input_schema", asked.jsonSchema() && asked.schema() != null ? asked.schema() : ANY_OBJECT));
        }
        return tools.isEmpty() ? null : tools;
    }

    /**
     * OpenAI's tool_choice in the API's words (required is any, a named function is tool); parallel_tool_calls false
     * is a flag inside it, on auto when no choice was given. Null when no tools are sent: the API wants none then.
     */
    private static JsonNode toolChoice(ChatRequest request) {
        String format = formatTool(request);
        if (format != null) {
            return Json.object("type", "tool", "name", format, "disable_parallel_tool_use", Boolean.TRUE);
        }
        if (request.tools().isEmpty()) {
            return null;
        }
        ToolChoice choice = request.toolChoice();
        if (choice != null && choice.none()) {
            return Json.object("type", "none");
        }
        Boolean oneAtATime = Boolean.FALSE.equals(request.options().parallelToolCalls()) ? Boolean.TRUE : null;
        if (choice == null && oneAtATime == null) {
            return null; // the API's default is auto
        }
        if (choice != null && choice.required()) {
            return Json.object("type", "any", "disable_parallel_tool_use", oneAtATime);
        }
        if (choice != null && choice.named()) {
            return Json.object("type", "tool", "name", choice.function(), "disable_parallel_tool_use", oneAtATime);
        }
        return Json.object("type", "auto", "disable_parallel_tool_use", oneAtATime);
    }

    private LlmException unsupported(String param, String detail) {
        return LlmException.unsupported(providerId, ProviderKind.ANTHROPIC, param, detail);
    }
}
