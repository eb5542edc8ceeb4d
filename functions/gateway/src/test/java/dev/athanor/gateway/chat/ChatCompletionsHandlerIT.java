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

import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chat surface through the real Lambda handler, with nothing configured but the offline sandbox: bad input
 * gets the seed's {"detail"} errors with 400/404, and the sandbox answers plain and streamed requests.
 */
@ExtendWith(LocalStackExtension.class)
class ChatCompletionsHandlerIT {

    private static LambdaHttp http;
    private static String token;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction");
        token = http.context().getBean(TokenIssuer.class).issue(TeamId.of("chat-team"), Roles.MEMBER).token();
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response chat(String body) {
        return http.send(request("POST", "/v1/chat/completions").bearer(token).json(body));
    }

    @Test
    void with_nothing_configured_the_sandbox_is_the_only_model_and_says_so() {
        LambdaHttp.Response response = http.send(request("GET", "/v1/models").bearer(token));

        assertEquals(200, response.status(), response.body());
        assertEquals("list", response.get("object"));
        assertEquals(List.of(Map.of("id", "sandbox", "object", "model", "created", 0, "owned_by", "sandbox")),
                response.get("data"));
    }

    @Test
    void the_sandbox_answers_a_chat_completion_in_openai_format() {
        LambdaHttp.Response response = chat("""
                {"model":"sandbox","messages":[{"role":"user","content":"Hello there"}],"temperature":0.2}""");

        assertEquals(200, response.status(), response.body());
        assertEquals("chat.completion", response.get("object"));
        Map<?, ?> choice = (Map<?, ?>) ((List<?>) response.get("choices")).get(0);
        Map<?, ?> message = (Map<?, ?>) choice.get("message");
        assertEquals("assistant", message.get("role"));
        assertTrue(((String) message.get("content")).contains("sandbox"), message.toString());
        assertEquals("stop", choice.get("finish_reason"));
        Map<?, ?> usage = (Map<?, ?>) response.get("usage");
        assertTrue(((Number) usage.get("total_tokens")).intValue() > 0);
    }

    @Test
    void a_streamed_sandbox_answer_is_a_series_of_chunks_ending_with_done() {
        LambdaHttp.Response response = chat("""
                {"model":"sandbox","messages":[{"role":"user","content":"Tell me a story"}],"stream":true,
                 "stream_options":{"include_usage":true}}""");

        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/event-stream"), response.headers().toString());
        List<String> events = response.body().lines().filter(line -> line.startsWith("data:")).toList();
        assertTrue(events.size() >= 4, response.body());
        assertTrue(events.get(0).contains("\"role\":\"assistant\""), events.get(0));
        assertTrue(events.stream().anyMatch(e -> e.contains("\"finish_reason\":\"stop\"")), response.body());
        assertTrue(events.get(events.size() - 2).contains("\"choices\":[]")
                && events.get(events.size() - 2).contains("\"total_tokens\""), "usage chunk last before [DONE]");
        assertEquals("data: [DONE]", events.get(events.size() - 1));
    }

    @Test
    void an_unknown_model_is_404_listing_the_available_models() {
        LambdaHttp.Response response = chat("""
                {"model":"gpt-9","messages":[{"role":"user","content":"hi"}]}""");

        assertEquals(404, response.status());
        assertEquals("Invalid model name 'gpt-9'. Available models: sandbox", response.get("detail"));
    }

    @Test
    void malformed_json_is_400_in_the_detail_shape() {
        LambdaHttp.Response response = chat("{\"model\": \"sandbox\", ");

        assertEquals(400, response.status());
        assertTrue(response.get("detail") instanceof String, response.body());
    }

    @Test
    void missing_fields_and_wrong_types_are_400_naming_the_field_as_openai_answers() {
        LambdaHttp.Response noModel = chat("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, noModel.status());
        assertEquals("model", ((Map<?, ?>) noModel.get("error")).get("param"));
        assertEquals("invalid_request_error", ((Map<?, ?>) noModel.get("error")).get("type"));
        assertEquals("messages is required and must be a non-empty array",
                chat("{\"model\":\"sandbox\",\"messages\":[]}").get("detail"));
        assertEquals("temperature must be a number between 0 and 2", chat("""
                {"model":"sandbox","messages":[{"role":"user","content":"hi"}],"temperature":"hot"}""")
                .get("detail"));
        assertEquals("messages[0].role must be one of system, developer, user, assistant, tool", chat("""
                {"model":"sandbox","messages":[{"role":"wizard","content":"hi"}]}""").get("detail"));
        assertEquals("max_tokens must be an integer between 1 and 2147483647", chat("""
                {"model":"sandbox","messages":[{"role":"user","content":"hi"}],"max_tokens":-3}""").get("detail"));
    }

    @Test
    void without_a_token_chat_is_401() {
        LambdaHttp.Response response = http.send(request("POST", "/v1/chat/completions").json("""
                {"model":"sandbox","messages":[{"role":"user","content":"hi"}]}"""));

        assertEquals(401, response.status());
    }
}
