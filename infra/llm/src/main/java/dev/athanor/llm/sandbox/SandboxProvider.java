package dev.athanor.llm.sandbox;

import dev.athanor.model.llm.ChatMessage;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * <p>Embeddings are unit vectors of {@value #DIMENSIONS} dimensions seeded by a hash of the text. Any other model id
 * is NOT_FOUND.
 */
public final class SandboxProvider implements LlmProvider {

    public static final String MODEL = "sandbox";
    public static final int DIMENSIONS = 64;
    private static final int ECHO_WORDS = 32;
    private static final int SCHEMA_ECHO_WORDS = 8;
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
        List<String> all = wordPieces(reply(request));
        String content = String.join("", limit(all, request.maxTokens()));
        boolean cut = request.maxTokens() != null && request.maxTokens() < all.size();
        return new ChatResponse("sandbox-" + hex(fnv1a32(conversation(request))), MODEL, content,
                cut ? "length" : "stop", new Usage(estimateTokens(conversation(request)), estimateTokens(content)));
    }

    @Override
    public ChatResponse stream(ChatRequest request, StreamListener listener) {
        ChatResponse response = chat(request);
        wordPieces(response.content()).forEach(listener::onDelta);
        return response;
    }

    @Override
    public List<ModelInfo> models() {
        return List.of(new ModelInfo(MODEL, "sandbox"));
    }

    @Override
    public EmbeddingResponse embed(EmbeddingRequest request) {
        requireSandbox(request.model());
        List<float[]> vectors = new ArrayList<>(request.input().size());
        int tokens = 0;
        for (String text : request.input()) {
            vectors.add(unitVector(text == null ? "" : text));
            tokens += estimateTokens(text == null ? "" : text);
        }
        return new EmbeddingResponse(MODEL, vectors, new Usage(tokens, 0));
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

    private String reply(ChatRequest request) {
        String last = "";
        for (ChatMessage message : request.messages()) {
            if ("user".equals(message.role())) {
                last = message.content();
            }
        }
        List<String> words = last.isBlank() ? List.of() : List.of(last.strip().split("\\s+"));
        int hash = fnv1a32(conversation(request));
        Optional<String> structured =
                structuredReply(request, "fnv " + hex(hash) + ": " + first(words, SCHEMA_ECHO_WORDS));
        if (structured.isPresent()) {
            return structured.get();
        }
        String reply = "[sandbox] " + words.size() + (words.size() == 1 ? " word" : " words")
                + ", fnv " + hex(hash) + ": " + first(words, ECHO_WORDS);
        return asksForScore(request) ? "Score: " + judgeScore(hash) + "\nReason: " + reply : reply;
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
            all.append(message.role()).append(": ").append(message.content()).append('\n');
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

    private static long fnv1a64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static String hex(int value) {
        return String.format("%08x", value);
    }

    /** SplitMix64 from the text's hash, spelled out so the vectors cannot change with the JDK. */
    private static float[] unitVector(String text) {
        long state = fnv1a64(text);
        double[] raw = new double[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < DIMENSIONS; i++) {
            state += 0x9e3779b97f4a7c15L;
            long z = state;
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            z = z ^ (z >>> 31);
            raw[i] = (z >>> 11) * 0x1.0p-53 * 2 - 1;
            norm += raw[i] * raw[i];
        }
        norm = Math.sqrt(norm);
        float[] vector = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            vector[i] = (float) (raw[i] / norm);
        }
        return vector;
    }
}
