package dev.athanor.gateway.chat;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static dev.athanor.gateway.chat.JsSdkScenarios.at;
import static dev.athanor.gateway.chat.JsSdkScenarios.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official OpenAI JS SDK (node, openai@6), pointed at a running gateway with no vendor configured, works
 * unchanged against the sandbox: tool calls and their results, plain and streamed, zod structured output, an image
 * message, base64 embeddings and the model lookup.
 */
@ExtendWith(LocalStackExtension.class)
class OpenAiJsSdkIT {

    private static final int DIMENSIONS = 64;

    private static ApplicationContext context;
    private static JsonNode report;

    @BeforeAll
    static void runTheSdkAgainstTheSandbox() throws Exception {
        context = TestFunctions.start("GatewayFunction", Map.of());
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        String token = context.getBean(TokenIssuer.class).issue(TeamId.of("js-sdk-team"), Roles.MEMBER).token();
        report = new NodeSdk(context.getBean(JsonMapper.class)).run(
                "http://localhost:" + server.getPort() + "/v1", token,
                Map.of("CHAT_MODEL", "sandbox", "EMBEDDING_MODEL", "sandbox",
                        "EMBEDDING_DIMENSIONS", Integer.toString(DIMENSIONS)));
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    @Test
    void every_scenario_observes_what_an_openai_model_would_give() {
        JsSdkScenarios.assertScenarios(report,
                new JsSdkScenarios.Expected("sandbox", "call_", "[sandbox]", DIMENSIONS));
    }

    @Test
    void the_sandbox_answers_every_scenario_as_its_rules_predict() {
        String call = "call_[0-9a-f]{8}";
        JsonNode plainCall = at(report, "function_calling", "tool_calls").get(0);
        assertTrue(text(plainCall, "id").matches(call), text(plainCall, "id"));
        assertTrue(text(plainCall, "arguments", "city")
                .matches("\\[sandbox] city fnv [0-9a-f]{8}: What is the weather in Paris\\?"),
                text(plainCall, "arguments", "city"));
        // the same request streamed calls the same function with the same id and arguments, however accumulated
        assertEquals(plainCall.getValue(), at(report, "streamed_function_calling", "tool_calls").get(0).getValue());
        assertEquals(plainCall.getValue(), at(report, "helper_streamed_tool_call", "tool_calls").get(0).getValue());

        String answer = text(report, "function_calling", "final", "content");
        assertTrue(answer.matches("\\[sandbox] 6 words, fnv [0-9a-f]{8}: What is the weather in Paris\\?"), answer);
        assertEquals(answer, text(report, "streamed_function_calling", "final", "content"));

        JsonNode parsed = at(report, "structured_output", "parsed");
        assertTrue(text(parsed, "city").matches("\\[sandbox] city fnv [0-9a-f]{8}: Report the weather in Paris\\."),
                text(parsed, "city"));
        assertEquals(0.5, at(parsed, "celsius").getDoubleValue(), "a number without a minimum is 0.5");

        assertTrue(text(report, "image_message", "content")
                .matches("\\[sandbox] 5 words, fnv [0-9a-f]{8}: What colour is this picture\\?"),
                text(report, "image_message", "content"));

        // unit vectors, so the SDK decoded the base64 floats as floats, not the bytes of something else
        assertEquals(List.of(1.0, 1.0), List.of(at(report, "embeddings", "norms").get(0).getDoubleValue(),
                at(report, "embeddings", "norms").get(1).getDoubleValue()));
        assertEquals("sandbox", text(report, "model", "owned_by"));
    }
}
