package dev.athanor.gateway.chat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.llm.bedrock.BedrockWire;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Fakes of four vendors, each speaking its documented wire format, that hold one agent's conversation: offered the
 * get_weather tool they call it for Paris; given the tool's answer they say {@link #FINAL}; asked for JSON (each in
 * its vendor's way: response_format, a forced tool, format) they answer {@link #REPORT}; anything else (an image)
 * they describe as {@link #DESCRIPTION}. Each answers plain or streamed, as the request asks. Embeddings are
 * vectors of the given size. Each lists its models, as the gateway asks it.
 */
final class VendorFakes {

    static final String FINAL = "It is sunny in Paris.";
    static final String DESCRIPTION = "A white dot.";
    static final String REPORT = "{\"city\":\"Paris\",\"celsius\":21}";
    static final String ARGUMENTS = "{\"city\":\"Paris\"}";

    private VendorFakes() {
    }

    /** OpenAI's Chat Completions and embeddings at {base}/v1. */
    static void openAi(WireMockExtension vendor, int dimensions) {
        String path = "/v1/chat/completions";
        answer(vendor, path, 1, "\"role\":\"tool\"", true, sse(openAiTextChunks(FINAL)));
        answer(vendor, path, 2, "\"role\":\"tool\"", false, okJson(openAiText(FINAL)));
        answer(vendor, path, 3, "\"response_format\"", false, okJson(openAiText(REPORT)));
        answer(vendor, path, 4, "\"tools\"", true, sse(openAiToolChunks()));
        answer(vendor, path, 5, "\"tools\"", false, okJson("""
                {"id":"chatcmpl-2","object":"chat.completion","created":1,"model":"gpt-4o-mini",
                 "system_fingerprint":"fp_1","choices":[{"index":0,"message":{"role":"assistant","content":null,
                 "refusal":null,"tool_calls":[{"id":"call_openai1","type":"function","function":{"name":"get_weather",
                 "arguments":%s}}]},"logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":30,"completion_tokens":9,"total_tokens":39}}""".formatted(quote(ARGUMENTS))));
        answer(vendor, path, 6, "", true, sse(openAiTextChunks(DESCRIPTION)));
        answer(vendor, path, 7, "", false, okJson(openAiText(DESCRIPTION)));
        vendor.stubFor(get("/v1/models").willReturn(okJson("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"},
                 {"id":"text-embedding-3-small","object":"model","created":1,"owned_by":"system"}]}""")));
        vendor.stubFor(post("/v1/embeddings").willReturn(okJson("""
                {"object":"list","model":"text-embedding-3-small","usage":{"prompt_tokens":4,"total_tokens":4},
                 "data":[{"object":"embedding","index":0,"embedding":%s},{"object":"embedding","index":1,"embedding":%s}]}"""
                .formatted(vector(dimensions, 0.1), vector(dimensions, 0.2)))));
    }

    /** Anthropic's Messages API at {base}/v1/messages. */
    static void anthropic(WireMockExtension vendor) {
        String path = "/v1/messages";
        answer(vendor, path, 1, "\"tool_result\"", true, sseNamed(anthropicTextEvents(FINAL)));
        answer(vendor, path, 2, "\"tool_result\"", false, okJson(anthropicText(FINAL)));
        // a JSON answer is asked for as a forced tool, named in the request: the answer calls that tool
        answer(vendor, path, 3, "\"tool_choice\":{\"type\":\"tool\"", false, okJson(anthropicToolUse("toolu_json1",
                "{{jsonPath request.body '$.tool_choice.name'}}", REPORT)).withTransformers("response-template"));
        answer(vendor, path, 4, "\"tools\"", true, sseNamed(anthropicToolEvents()));
        answer(vendor, path, 5, "\"tools\"", false, okJson(anthropicToolUse("toolu_01weather", "get_weather", ARGUMENTS)));
        answer(vendor, path, 6, "", true, sseNamed(anthropicTextEvents(DESCRIPTION)));
        answer(vendor, path, 7, "", false, okJson(anthropicText(DESCRIPTION)));
        vendor.stubFor(get(urlPathEqualTo("/v1/models")).willReturn(okJson("""
                {"data":[{"type":"model","id":"claude-sonnet-4-5","display_name":"Claude Sonnet 4.5",
                  "created_at":"2025-09-29T00:00:00Z"}],"has_more":false,"first_id":"claude-sonnet-4-5",
                 "last_id":"claude-sonnet-4-5"}""")));
    }

    /** Ollama's native API at {base}/api. */
    static void ollama(WireMockExtension vendor, int dimensions) {
        String path = "/api/chat";
        answer(vendor, path, 1, "\"role\":\"tool\"", "\"stream\":true", ndjson(ollamaTextLines(FINAL)));
        answer(vendor, path, 2, "\"role\":\"tool\"", "\"stream\":false", okJson(ollamaText(FINAL, true)));
        answer(vendor, path, 3, "\"format\"", "\"stream\":false", okJson(ollamaText(REPORT, true)));
        answer(vendor, path, 4, "\"tools\"", "\"stream\":true", ndjson(List.of(ollamaToolCall(false), ollamaDone())));
        answer(vendor, path, 5, "\"tools\"", "\"stream\":false", okJson(ollamaToolCall(true)));
        answer(vendor, path, 6, "", "\"stream\":true", ndjson(ollamaTextLines(DESCRIPTION)));
        answer(vendor, path, 7, "", "\"stream\":false", okJson(ollamaText(DESCRIPTION, true)));
        vendor.stubFor(get("/api/tags").willReturn(okJson("""
                {"models":[{"name":"llama3.2","model":"llama3.2","size":2019393189},
                 {"name":"nomic-embed-text","model":"nomic-embed-text","size":274302450}]}""")));
        vendor.stubFor(post("/api/embed").willReturn(okJson("""
                {"model":"nomic-embed-text","embeddings":[%s,%s],"total_duration":1000,"load_duration":10,
                 "prompt_eval_count":4}""".formatted(vector(dimensions, 0.1), vector(dimensions, 0.2)))));
    }

    /** Bedrock runtime's Converse, ConverseStream and InvokeModel (Titan embeddings). */
    static void bedrock(WireMockExtension vendor, int dimensions) {
        String converse = "/model/[^/]+/converse";
        String stream = "/model/[^/]+/converse-stream";
        answerAt(vendor, stream, 1, "\"toolResult\"", BedrockWire.streamResponse(
                BedrockWire.stream().text("It is ", "sunny in Paris.").end("end_turn", 40, 8)));
        answerAt(vendor, converse, 2, "\"toolResult\"", BedrockWire.converseResponse(FINAL, "end_turn", 40, 8));
        answerAt(vendor, converse, 3, "\"toolChoice\":{\"tool\"", BedrockWire.toolUseResponse("tooluse_json1",
                "{{jsonPath request.body '$.toolConfig.toolChoice.tool.name'}}", REPORT, "tool_use", 30, 9)
                .withTransformers("response-template"));
        answerAt(vendor, stream, 4, "\"toolConfig\"", BedrockWire.streamResponse(BedrockWire.stream()
                .toolUse("tooluse_weather1", "get_weather", "{\"city\":", "\"Paris\"}").end("tool_use", 30, 9)));
        answerAt(vendor, converse, 5, "\"toolConfig\"", BedrockWire.toolUseResponse("tooluse_weather1", "get_weather",
                ARGUMENTS, "tool_use", 30, 9));
        answerAt(vendor, stream, 6, "", BedrockWire.streamResponse(
                BedrockWire.stream().text("A white ", "dot.").end("end_turn", 20, 4)));
        answerAt(vendor, converse, 7, "", BedrockWire.converseResponse(DESCRIPTION, "end_turn", 20, 4));
        vendor.stubFor(post(urlPathMatching("/model/[^/]+/invoke")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"embedding\":" + vector(dimensions, 0.1) + ",\"inputTextTokenCount\":2}")));
    }

    private static void answer(WireMockExtension vendor, String path, int priority, String holding, boolean stream,
                               ResponseDefinitionBuilder response) {
        MappingBuilder request = post(path).atPriority(priority);
        request = holding.isEmpty() ? request : request.withRequestBody(containing(holding));
        if (stream) {
            request = request.withRequestBody(containing("\"stream\":true"));
        }
        vendor.stubFor(request.willReturn(response));
    }

    private static void answer(WireMockExtension vendor, String path, int priority, String holding, String also,
                               ResponseDefinitionBuilder response) {
        MappingBuilder request = post(path).atPriority(priority).withRequestBody(containing(also));
        request = holding.isEmpty() ? request : request.withRequestBody(containing(holding));
        vendor.stubFor(request.willReturn(response));
    }

    private static void answerAt(WireMockExtension vendor, String pathPattern, int priority, String holding,
                                 ResponseDefinitionBuilder response) {
        MappingBuilder request = post(urlPathMatching(pathPattern)).atPriority(priority);
        request = holding.isEmpty() ? request : request.withRequestBody(containing(holding));
        vendor.stubFor(request.willReturn(response));
    }

    private static String openAiText(String text) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini","system_fingerprint":"fp_1",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s,"refusal":null},"logprobs":null,
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":20,"completion_tokens":6,"total_tokens":26,
                 "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0}}}""".formatted(quote(text));
    }

    private static List<String> openAiTextChunks(String text) {
        List<String> events = new ArrayList<>();
        events.add(openAiChunk("{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (String piece : halves(text)) {
            events.add(openAiChunk("{\"content\":" + quote(piece) + "}", null));
        }
        events.add(openAiChunk("{}", "stop"));
        events.add(openAiUsage());
        return events;
    }

    private static List<String> openAiToolChunks() {
        return List.of(
                openAiChunk("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_openai1\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}", null),
                openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote("{\"city\":") + "}}]}",
                        null),
                openAiChunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":" + quote("\"Paris\"}") + "}}]}",
                        null),
                openAiChunk("{}", "tool_calls"),
                openAiUsage());
    }

    private static String openAiChunk(String delta, String finishReason) {
        return "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":" + delta
                + ",\"logprobs\":null,\"finish_reason\":" + (finishReason == null ? "null" : quote(finishReason))
                + "}],\"usage\":null}";
    }

    private static String openAiUsage() {
        return "{\"id\":\"chatcmpl-3\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
                + "\"choices\":[],\"usage\":{\"prompt_tokens\":20,\"completion_tokens\":6,\"total_tokens\":26}}";
    }

    private static ResponseDefinitionBuilder sse(List<String> events) {
        StringBuilder body = new StringBuilder();
        events.forEach(event -> body.append("data: ").append(event).append("\n\n"));
        body.append("data: [DONE]\n\n");
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static String anthropicText(String text) {
        return """
                {"id":"msg_01text","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":%s}],"stop_reason":"end_turn","stop_sequence":null,
                 "usage":{"input_tokens":20,"output_tokens":6}}""".formatted(quote(text));
    }

    private static String anthropicToolUse(String id, String name, String input) {
        return """
                {"id":"msg_01tool","type":"message","role":"assistant","model":"claude-sonnet-4-5",
                 "content":[{"type":"text","text":"Let me check."},{"type":"tool_use","id":"%s","name":"%s","input":%s}],
                 "stop_reason":"tool_use","stop_sequence":null,"usage":{"input_tokens":30,"output_tokens":9}}"""
                .formatted(id, name, input);
    }

    /** Anthropic's stream: each event named twice, in an event: line and in the data's type, as it sends them. */
    private static ResponseDefinitionBuilder sseNamed(List<String> events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            String type = event.substring(event.indexOf("\"type\":\"") + 8);
            body.append("event: ").append(type, 0, type.indexOf('"')).append('\n')
                    .append("data: ").append(event).append("\n\n");
        }
        return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
    }

    private static List<String> anthropicTextEvents(String text) {
        List<String> events = new ArrayList<>();
        events.add(anthropicStart());
        events.add("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        for (String piece : halves(text)) {
            events.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
                    + quote(piece) + "}}");
        }
        events.add("{\"type\":\"content_block_stop\",\"index\":0}");
        events.addAll(anthropicEnd("end_turn"));
        return events;
    }

    private static List<String> anthropicToolEvents() {
        List<String> events = new ArrayList<>();
        events.add(anthropicStart());
        events.add("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\","
                + "\"id\":\"toolu_01weather\",\"name\":\"get_weather\",\"input\":{}}}");
        events.add("{\"type\":\"ping\"}");
        for (String piece : List.of("{\"city\":", " \"Paris\"}")) {
            events.add("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                    + "\"partial_json\":" + quote(piece) + "}}");
        }
        events.add("{\"type\":\"content_block_stop\",\"index\":0}");
        events.addAll(anthropicEnd("tool_use"));
        return events;
    }

    private static String anthropicStart() {
        return "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_01stream\",\"type\":\"message\",\"role\":"
                + "\"assistant\",\"model\":\"claude-sonnet-4-5\",\"content\":[],\"stop_reason\":null,"
                + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}";
    }

    private static List<String> anthropicEnd(String stopReason) {
        return List.of("{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"" + stopReason
                        + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}",
                "{\"type\":\"message_stop\"}");
    }

    private static String ollamaText(String text, boolean done) {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-07T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":" + quote(text) + "},\"done\":" + done
                + (done ? ",\"done_reason\":\"stop\",\"total_duration\":1000,\"prompt_eval_count\":20,\"eval_count\":6"
                : "") + "}";
    }

    private static List<String> ollamaTextLines(String text) {
        List<String> lines = new ArrayList<>();
        halves(text).forEach(piece -> lines.add(ollamaText(piece, false)));
        lines.add(ollamaDone());
        return lines;
    }

    private static String ollamaDone() {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-07T10:00:01Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\"},\"done\":true,\"done_reason\":\"stop\",\"total_duration\":1000,"
                + "\"prompt_eval_count\":20,\"eval_count\":6}";
    }

    /** Ollama sends a call whole, with an id (since 0.12.10) and the arguments as an object. */
    private static String ollamaToolCall(boolean done) {
        return "{\"model\":\"llama3.2\",\"created_at\":\"2026-12-07T10:00:00Z\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"\",\"tool_calls\":[{\"id\":\"call_ollama01\",\"function\":{\"index\":0,"
                + "\"name\":\"get_weather\",\"arguments\":" + ARGUMENTS + "}}]},\"done\":" + done
                + (done ? ",\"done_reason\":\"stop\",\"prompt_eval_count\":30,\"eval_count\":9" : "") + "}";
    }

    private static ResponseDefinitionBuilder ndjson(List<String> lines) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/x-ndjson")
                .withBody(String.join("\n", lines) + "\n");
    }

    private static List<String> halves(String text) {
        int half = text.length() / 2;
        return List.of(text.substring(0, half), text.substring(half));
    }

    private static String vector(int dimensions, double value) {
        return Collections.nCopies(dimensions, Double.toString(value)).toString();
    }

    static String quote(String text) {
        return BedrockWire.quote(text);
    }
}
