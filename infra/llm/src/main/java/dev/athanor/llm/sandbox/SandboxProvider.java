package dev.athanor.llm.sandbox;

import dev.athanor.llm.mapping.Unsupported;
import dev.athanor.model.llm.ChatChoice;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ContentPart;
import dev.athanor.model.llm.ResponseFormat;
import dev.athanor.model.llm.ToolCall;
import dev.athanor.model.llm.ToolCallDelta;
import dev.athanor.model.llm.ToolChoice;
import dev.athanor.model.llm.ToolDefinition;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderHealth;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.StreamListener;
import dev.athanor.model.llm.Usage;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sandbox: deterministic, offline, and <strong>not a model</strong>. It lets the platform run end to end with no
 * vendor configured (it is the default then) and lets tests predict every answer. It serves the single model id
 * {@value #MODEL}, listed as owned by "sandbox" so nobody mistakes it for a real one.
 *
 * <p>The reply is a pure function of the request:
 * {@code "[sandbox] <n> words, fnv <hash>: <the last user message, first 32 words>"} where n is the word count of the
 * last user message and hash the FNV-1a 32-bit hash (8 hex digits) of the whole conversation. The reply is cut to
 * {@code maxTokens} word pieces when that is smaller (finish reason {@code length}); stop sequences are ignored.
 * Streaming delivers the same text in word pieces. Usage is estimated as ceil(characters / 4) for the prompt (all
 * messages) and the reply.
 *
 * <p>A judge: when a system message asks for a {@code Score:} line (as an LLM-as-judge rubric does), the reply starts
 * {@code "Score: <s>\nReason: "} and goes on as above, where s = 1 + (hash mod 10), read as an unsigned number. So
 * evaluations run offline with scores from 1 to 10 that a test can predict, and differ from answer to answer.
 *
 * <p>Structured output: when a system message says {@code JSON Schema} (any case) and, later in that message, holds a
 * fenced {@code ```json} block with a schema, the reply is a compact JSON document, no fence and no prose, that is a
 * valid instance of the schema ({@link SchemaInstance}): an object has every property of {@code properties} in their
 * order (and nothing else but a {@code required} name they leave out); an array has {@code minItems} items when that
 * is above 0, else 3, at most {@code maxItems}; a {@code const} is itself, an {@code enum} its first value; a string
 * reads {@code "[sandbox] <property name, or item> [<1-based index, for an array item>] fnv <hash>: <the last user
 * message, first 8 words>"}, padded with '.' to {@code minLength} or cut to {@code maxLength}; an integer or number is
 * its {@code minimum}, else 1 or 0.5 (at most {@code maximum}); a boolean is true and null is null; a schema with no
 * type is a string, and a list of types answers with its first non-null one. A schema that is not valid JSON or uses
 * {@code $ref}, {@code anyOf}, {@code oneOf} or another composing keyword gets the usual reply. This answer wins over
 * the judge's when both are asked for; the {@code maxTokens} cut, streaming and usage are as above.
 *
 * <p>The OpenAI request's own structured output wins over a system message's schema: {@code response_format}
 * {@code json_schema} answers its schema as above ({@code $ref} to the schema's own definitions and
 * {@code anyOf}/{@code oneOf}, answered with their first non-null alternative, are understood there too; another
 * composing keyword is refused, naming {@code response_format}); {@code json_object} answers
 * {@code {"answer": "<the usual reply>"}}.
 *
 * <p>Tools: when tools are offered, the sandbox calls one, unless the last turn is a tool's answer (then it replies
 * as usual, so an agent's loop ends) or {@code tool_choice} is {@code none}; {@code required} and a named function
 * make it call even then. It calls the named function, else the first offered, once, with arguments that are a
 * valid instance of the function's parameter schema (built as above, labelled like the JSON answer), id
 * {@code call_<fnv of the conversation and the function name>}, finish reason {@code tool_calls} and no text.
 * Streamed, the call comes as OpenAI streams one: its id and name first, then the arguments in two pieces.
 *
 * <p>{@code n} gives that many identical choices (the answer is a pure function of the request). {@code logprobs}
 * is refused by name: the sandbox has no probabilities to give. Other settings (seed, penalties, reasoning effort)
 * cannot change a deterministic answer and are accepted as such. Images count in the conversation's hash by their
 * URL; the sandbox does not look at them.
 *
 * <p>Embeddings are hashed word features, so texts that share words are near each other
 * ({@link SandboxEmbeddings}). Any other model id is NOT_FOUND.
 */
public final class SandboxProvider implements LlmProvider {

    public static final String MODEL = "sandbox";
    public static final int DIMENSIONS = 256;
    public static final int MAX_DIMENSIONS = 4096;
    private static final int ECHO_WORDS = 32;
    private static final int SCHEMA_ECHO_WORDS = 8;
    /** The settings a deterministic answer can honour; logprobs cannot be given. */
    private static final Set<String> ACCEPTED = Set.of("parallel_tool_calls", "n", "seed", "presence_penalty",
            "frequency_penalty", "logit_bias", "reasoning_effort");
    private static final Pattern ASKS_FOR_SCORE = Pattern.compile("\\bscore:", Pattern.CASE_INSENSITIVE);
    private static final Pattern ASKS_FOR_JSON = Pattern.compile("json\\s+schema.*?```json\\b\\s*(.*?)```",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private final String id;
    private final JsonMapper json;

    public SandboxProvider(String id, JsonMapper json) {
        this.id = id;
        this.json = json;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.SANDBOX;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        requireSandbox(request.model());
        Unsupported.refuseOptions(id, ProviderKind.SANDBOX, request, ACCEPTED);
        String conversation = conversation(request);
        int hash = fnv1a32(conversation);
        String responseId = "sandbox-" + hex(hash);
        int promptTokens = estimateTokens(conversation);
        ToolCall call = toolCall(request, conversation, hash);
        ChatChoice answer;
        int completionTokens;
        if (call != null) {
            answer = new ChatChoice(0, "", List.of(call), "tool_calls", null);
            completionTokens = estimateTokens(call.name() + call.arguments());
        } else {
            List<String> all = wordPieces(reply(request, hash));
            String content = String.join("", limit(all, request.maxTokens()));
            boolean cut = request.maxTokens() != null && request.maxTokens() < all.size();
            answer = new ChatChoice(0, content, null, cut ? "length" : "stop", null);
            completionTokens = estimateTokens(content);
        }
        int n = request.options().choices();
        List<ChatChoice> choices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            choices.add(new ChatChoice(i, answer.content(), answer.toolCalls(), answer.finishReason(), null));
        }
        return new ChatResponse(responseId, MODEL, choices, new Usage(promptTokens, completionTokens * n), null);
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        ChatResponse response = chat(request);
        wordPieces(response.content()).forEach(listener::onDelta);
        List<ToolCall> calls = response.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall call = calls.get(i);
            int half = call.arguments().length() / 2;
            listener.onToolCall(new ToolCallDelta(i, call.id(), call.name(), ""));
            listener.onToolCall(new ToolCallDelta(i, null, null, call.arguments().substring(0, half)));
            listener.onToolCall(new ToolCallDelta(i, null, null, call.arguments().substring(half)));
        }
        return response;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(new ModelInfo(MODEL, "sandbox"));
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        requireSandbox(request.model());
        return SandboxEmbeddings.embed(id, request);
    }

    @Override
    public ProviderHealth health() {
        return ProviderHealth.ok(0);
    }

    /** ceil(characters / 4): the usual rule of thumb for English text. */
    public static int estimateTokens(String text) {
        return (text.length() + 3) / 4;
    }

    private void requireSandbox(String model) {
        if (!MODEL.equals(model)) {
            throw new LlmException(LlmErrorKind.NOT_FOUND, id, 404,
                    id + ": the sandbox serves only the model '" + MODEL + "', not '" + model + "'", null, null);
        }
    }

    private static List<String> limit(List<String> pieces, Integer max) {
        return max != null && max >= 0 && max < pieces.size() ? pieces.subList(0, max) : pieces;
    }

    private String reply(ChatRequest request, int hash) {
        List<String> words = lastUserWords(request);
        String label = schemaLabel(words, hash);
        String reply = "[sandbox] " + words.size() + (words.size() == 1 ? " word" : " words")
                + ", fnv " + hex(hash) + ": " + first(words, ECHO_WORDS);
        ResponseFormat format = request.responseFormat();
        if (format != null && format.jsonSchema()) {
            return write(answer(format.schema(), label, "response_format"));
        }
        if (format != null && format.jsonObject()) {
            return write(JsonNode.createObjectNode(Map.of("answer", JsonNode.createStringNode(reply))));
        }
        Optional<String> structured = structuredReply(request, label);
        if (structured.isPresent()) {
            return structured.get();
        }
        return asksForScore(request) ? "Score: " + judgeScore(hash) + "\nReason: " + reply : reply;
    }

    private static List<String> lastUserWords(ChatRequest request) {
        String last = "";
        for (ChatMessage message : request.messages()) {
            if ("user".equals(message.role())) {
                last = message.content();
            }
        }
        return last.isBlank() ? List.of() : List.of(last.strip().split("\\s+"));
    }

    private static String schemaLabel(List<String> words, int hash) {
        return "fnv " + hex(hash) + ": " + first(words, SCHEMA_ECHO_WORDS);
    }

    /** The call the sandbox makes, or null when it answers instead (see the class comment). */
    private ToolCall toolCall(ChatRequest request, String conversation, int hash) {
        if (!request.offersTools()) {
            return null;
        }
        ToolChoice choice = request.toolChoice();
        boolean forced = choice != null && (choice.required() || choice.named());
        List<ChatMessage> messages = request.messages();
        if (!forced && "tool".equals(messages.get(messages.size() - 1).role())) {
            return null;
        }
        ToolDefinition tool = request.tools().get(0);
        if (choice != null && choice.named()) {
            tool = request.tools().stream().filter(t -> t.name().equals(choice.function())).findFirst().orElseThrow(
                    () -> LlmException.unsupported(id, ProviderKind.SANDBOX, "tool_choice",
                            "no offered tool is named '" + choice.function() + "'"));
        }
        String arguments = write(answer(tool.parameters(), schemaLabel(lastUserWords(request), hash), "tools"));
        return new ToolCall("call_" + hex(fnv1a32(conversation + tool.name())), tool.name(), arguments);
    }

    /** The instance of a schema the request itself gave; a schema the sandbox cannot answer is refused by name. */
    private JsonNode answer(JsonNode schema, String label, String parameter) {
        try {
            return SchemaInstance.of(schema, label);
        } catch (SchemaInstance.Unsupported e) {
            throw LlmException.unsupported(id, ProviderKind.SANDBOX, parameter,
                    "the sandbox cannot build an instance of this schema (" + e.getMessage() + ")");
        }
    }

    private String write(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String first(List<String> words, int count) {
        return String.join(" ", words.size() > count ? words.subList(0, count) : words);
    }

    /** The JSON answer to the first system message that asks for one with a schema the sandbox can answer. */
    private Optional<String> structuredReply(ChatRequest request, String label) {
        for (ChatMessage message : request.messages()) {
            if (!"system".equals(message.role())) {
                continue;
            }
            Matcher schema = ASKS_FOR_JSON.matcher(message.content());
            if (schema.find()) {
                try {
                    JsonNode parsed = json.readValue(schema.group(1).getBytes(StandardCharsets.UTF_8), JsonNode.class);
                    return Optional.of(json.writeValueAsString(SchemaInstance.of(parsed, label)));
                } catch (IOException | SchemaInstance.Unsupported e) {
                    // not JSON, or not a schema the sandbox answers: the usual reply then
                }
            }
        }
        return Optional.empty();
    }

    /** The score the sandbox gives as a judge to a conversation with this hash: 1 to 10. */
    static int judgeScore(int conversationHash) {
        return 1 + Integer.remainderUnsigned(conversationHash, 10);
    }

    private static boolean asksForScore(ChatRequest request) {
        return request.messages().stream()
                .anyMatch(m -> "system".equals(m.role()) && ASKS_FOR_SCORE.matcher(m.content()).find());
    }

    /** Pieces that end after each run of whitespace, so joining them gives back the text exactly. */
    private static List<String> wordPieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            boolean boundary = i == text.length()
                    || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)));
            if (boundary) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private static String conversation(ChatRequest request) {
        StringBuilder all = new StringBuilder();
        for (ChatMessage message : request.messages()) {
            all.append(message.role()).append(": ").append(message.content());
            for (ContentPart part : message.parts()) {
                if (part instanceof ContentPart.Image image) {
                    all.append(" [image ").append(image.url()).append(']');
                }
            }
            for (ToolCall call : message.toolCalls()) {
                all.append(" [call ").append(call.id()).append(' ').append(call.name()).append(call.arguments())
                        .append(']');
            }
            if (message.toolCallId() != null) {
                all.append(" [answers ").append(message.toolCallId()).append(']');
            }
            all.append('\n');
        }
        return all.toString();
    }

    private static int fnv1a32(String text) {
        int hash = 0x811c9dc5;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x01000193;
        }
        return hash;
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }
}
