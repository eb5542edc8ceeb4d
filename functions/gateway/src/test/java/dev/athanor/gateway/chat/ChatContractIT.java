package dev.athanor.gateway.chat;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole chat contract through the real Lambda handler, with the offline sandbox behind it: a tool round trip,
 * plain and streamed, as OpenAI's wire carries it; embeddings in float and base64; and every kind of bad input a 400
 * in OpenAI's error shape naming the parameter.
 */
@ExtendWith(LocalStackExtension.class)
class ChatContractIT {

    private static final String TOOLS = """
            "tools":[{"type":"function","function":{"name":"get_weather","description":"Weather now",
              "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}]""";
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    private static LambdaHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction");
        token = http.context().getBean(TokenIssuer.class).issue(TeamId.of("contract-team"), Roles.MEMBER).token();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response post(String path, String body) {
        return http.send(request("POST", path).bearer(token).json(body));
    }

    private static Map<?, ?> firstChoice(LambdaHttp.Response response) {
        return (Map<?, ?>) ((List<?>) response.get("choices")).get(0);
    }

    @Test
    void a_tool_round_trip_comes_and_goes_in_openai_wire_format() {
        LambdaHttp.Response call = post("/v1/chat/completions", """
                {"model":"sandbox","messages":[{"role":"user","content":"Weather in Paris?"}],%s,
                 "tool_choice":"auto","parallel_tool_calls":true}""".formatted(TOOLS));

        assertEquals(200, call.status(), call.body());
        Map<?, ?> choice = firstChoice(call);
        assertEquals("tool_calls", choice.get("finish_reason"));
        Map<?, ?> message = (Map<?, ?>) choice.get("message");
        assertTrue(message.containsKey("content") && message.get("content") == null, message.toString());
        assertNull(message.get("refusal"));
        Map<?, ?> toolCall = (Map<?, ?>) ((List<?>) message.get("tool_calls")).get(0);
        assertEquals("function", toolCall.get("type"));
        Map<?, ?> function = (Map<?, ?>) toolCall.get("function");
        assertEquals("get_weather", function.get("name"));
        assertTrue(((String) function.get("arguments")).startsWith("{\"city\":\"[sandbox] city fnv "),
                function.toString());

        LambdaHttp.Response answer = post("/v1/chat/completions", """
                {"model":"sandbox","messages":[{"role":"user","content":"Weather in Paris?"},
                  {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function",
                    "function":{"name":"get_weather","arguments":%s}}]},
                  {"role":"tool","tool_call_id":"%s","content":"sunny, 21 C"}],%s}"""
                .formatted(toolCall.get("id"), quoted((String) function.get("arguments")), toolCall.get("id"), TOOLS));

        assertEquals(200, answer.status(), answer.body());
        assertEquals("stop", firstChoice(answer).get("finish_reason"));
        Map<?, ?> text = (Map<?, ?>) firstChoice(answer).get("message");
        assertTrue(((String) text.get("content")).startsWith("[sandbox] 3 words"), text.toString());
        assertTrue(!text.containsKey("tool_calls"), "no tool_calls field when none were made: " + text);
    }

    @Test
    void a_streamed_tool_call_comes_in_pieces_as_openai_streams_it() {
        LambdaHttp.Response response = post("/v1/chat/completions", """
                {"model":"sandbox","messages":[{"role":"user","content":"Weather in Paris?"}],%s,"stream":true}"""
                .formatted(TOOLS));

        assertEquals(200, response.status(), response.body());
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: {")).toList();
        assertTrue(events.get(0).contains("\"delta\":{\"role\":\"assistant\",\"content\":\"\"}"), events.get(0));
        assertTrue(events.get(1).matches(".*\"delta\":\\{\"tool_calls\":\\[\\{\"index\":0,\"id\":\"call_[0-9a-f]{8}\","
                + "\"type\":\"function\",\"function\":\\{\"name\":\"get_weather\",\"arguments\":\"\"}}]}.*"), events.get(1));
        assertTrue(events.get(2).contains("\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\""),
                events.get(2));
        assertTrue(events.get(events.size() - 1).contains("\"finish_reason\":\"tool_calls\""), response.body());
    }

    @Test
    void embeddings_come_as_floats_or_as_base64_of_the_same_floats() {
        LambdaHttp.Response floats = post("/v1/embeddings", """
                {"model":"sandbox","input":["reset my password","bananas"],"dimensions":32}""");
        LambdaHttp.Response base64 = post("/v1/embeddings", """
                {"model":"sandbox","input":["reset my password","bananas"],"dimensions":32,"encoding_format":"base64"}""");

        assertEquals(200, floats.status(), floats.body());
        assertEquals("list", floats.get("object"));
        assertEquals("sandbox", floats.get("model"));
        List<?> data = (List<?>) floats.get("data");
        assertEquals(2, data.size());
        Map<?, ?> first = (Map<?, ?>) data.get(0);
        assertEquals("embedding", first.get("object"));
        assertEquals(0, first.get("index"));
        List<?> vector = (List<?>) first.get("embedding");
        assertEquals(32, vector.size());
        Map<?, ?> usage = (Map<?, ?>) floats.get("usage");
        assertEquals(usage.get("prompt_tokens"), usage.get("total_tokens"));
        assertTrue(((Number) usage.get("prompt_tokens")).intValue() > 0);

        String encoded = (String) ((Map<?, ?>) ((List<?>) base64.get("data")).get(0)).get("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(encoded)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(32 * 4, bytes.remaining());
        for (Object value : vector) {
            assertEquals(((Number) value).floatValue(), bytes.getFloat());
        }
    }

    @Test
    void token_arrays_and_a_single_string_are_inputs_too() {
        LambdaHttp.Response tokens = post("/v1/embeddings", """
                {"model":"sandbox","input":[[15339,1917],[9906]]}""");
        LambdaHttp.Response one = post("/v1/embeddings", """
                {"model":"sandbox","input":"hello"}""");

        assertEquals(2, ((List<?>) tokens.get("data")).size(), tokens.body());
        assertEquals(3, ((Map<?, ?>) tokens.get("usage")).get("prompt_tokens"));
        assertEquals(1, ((List<?>) one.get("data")).size(), one.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "tools[0].function.parameters.type|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"string\"}}}]}",
            "tools[0].function.parameters.properties.a.type|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\","
                    + "\"properties\":{\"a\":{\"type\":\"text\"}}}}}]}",
            "tools[0].function.name|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"no spaces\"}}]}",
            "tool_choice.function.name|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}],"
                    + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"g\"}}}",
            "messages[1].tool_call_id|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"},"
                    + "{\"role\":\"tool\",\"tool_call_id\":\"call_nobody\",\"content\":\"42\"}]}",
            "messages[0].content[0].image_url.url|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,aGVsbG8gd29ybGQ=\"}}]}]}",
            "messages[0].content[0].image_url.url|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":"
                    + "[{\"type\":\"image_url\",\"image_url\":{\"url\":\"http://example.com/cat.png\"}}]}]}",
            "n|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":17}",
            "response_format.json_schema.name|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                    + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"schema\":{\"type\":\"object\"}}}}",
            "logprobs|{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"logprobs\":true}",
            "input|{\"model\":\"sandbox\",\"input\":[]}",
            "input[1]|{\"model\":\"sandbox\",\"input\":[\"a\",[1,2]]}",
            "encoding_format|{\"model\":\"sandbox\",\"input\":\"a\",\"encoding_format\":\"int8\"}"})
    void bad_input_is_a_400_naming_the_parameter(String param, String body) {
        String path = body.contains("\"input\"") ? "/v1/embeddings" : "/v1/chat/completions";

        LambdaHttp.Response response = post(path, body);

        assertEquals(400, response.status(), response.body());
        Map<?, ?> error = (Map<?, ?>) response.get("error");
        assertEquals(param, error.get("param"), response.body());
        assertEquals("invalid_request_error", error.get("type"));
        assertTrue(((String) response.get("detail")).contains(param), response.body());
    }

    @Test
    void an_image_over_the_cap_is_refused_and_one_under_it_answered() {
        byte[] big = new byte[ChatMessagesParser.MAX_IMAGE_BYTES + 1];
        System.arraycopy(Base64.getDecoder().decode(PNG), 0, big, 0, 68);
        String over = Base64.getEncoder().encodeToString(big);

        LambdaHttp.Response refused = post("/v1/chat/completions", image(over));
        LambdaHttp.Response answered = post("/v1/chat/completions", image(PNG));

        assertEquals(400, refused.status(), refused.body().substring(0, Math.min(300, refused.body().length())));
        assertTrue(((String) refused.get("detail")).contains("is an image over 4194304 bytes"), refused.body());
        assertEquals(200, answered.status(), answered.body());
    }

    private static String image(String base64) {
        return """
                {"model":"sandbox","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,%s","detail":"low"}}]}]}"""
                .formatted(base64);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
