package dev.athanor.gateway.keys;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.RateLimitException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.budget.BudgetAccount;
import dev.athanor.model.budget.BudgetPeriod;
import dev.athanor.model.budget.BudgetStore;
import dev.athanor.model.budget.DailyBudget;
import dev.athanor.model.keys.ApiKeyText;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.gateway.keys.KeyHttp.apiKey;
import static dev.athanor.gateway.keys.KeyHttp.bearer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits of API keys on the gateway's chat completions, plain and streamed, against a WireMock fake of the OpenAI
 * API serving the priced gpt-4o. The context's clock stands still, so no test straddles a minute's edge.
 */
@ExtendWith(LocalStackExtension.class)
class ApiKeyLimitsIT {

    @RegisterExtension
    static final WireMockExtension UPSTREAM = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String COMPLETIONS = "/v1/chat/completions";

    private static ApplicationContext context;
    private static KeyHttp http;
    private static String baseUrl;

    private String admin;

    @BeforeAll
    static void startGateway() {
        context = TestFunctions.start("GatewayFunction", Map.of(
                "openai.api.key", "sk-upstream-secret",
                "openai.base.url", UPSTREAM.baseUrl() + "/v1",
                "athanor.llm.router.max-attempts", 1,
                "test.movable-clock", true));
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        baseUrl = "http://localhost:" + server.getPort();
        http = new KeyHttp(baseUrl, context.getBean(JsonMapper.class));
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void upstreamServesGpt4o() {
        admin = context.getBean(TokenIssuer.class).issue(TeamId.of("limits-" + UUID.randomUUID()), Roles.ADMIN)
                .token();
        UPSTREAM.resetAll();
        UPSTREAM.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [{"id": "gpt-4o", "object": "model", "owned_by": "system"},
                                            {"id": "gpt-4o-mini", "object": "model", "owned_by": "system"}]}""")));
        // gpt-4o: $2.50 in, $10 out per million tokens; 600 completion tokens cost $0.006
        UPSTREAM.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson("""
                {"id": "chatcmpl-up", "object": "chat.completion", "created": 1767225600, "model": "gpt-4o",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "done"}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 10, "completion_tokens": 600, "total_tokens": 610}}""")));
        UPSTREAM.stubFor(post(urlEqualTo(COMPLETIONS)).withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
                .willReturn(aResponse().withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{"content":"done"},"finish_reason":null}]}

                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                        data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"gpt-4o","choices":[],"usage":{"prompt_tokens":10,"completion_tokens":600,"total_tokens":610}}

                        data: [DONE]

                        """)));
    }

    private String key(String fields) {
        KeyHttp.Answer created = http.send("POST", "/auth/keys", "{\"name\": \"limited\", " + fields + "}",
                bearer(admin));
        assertEquals(201, created.status(), created.raw().body());
        return (String) created.body().get("key");
    }

    private static KeyHttp.Answer chat(String key, String model, boolean stream) {
        return http.send("POST", COMPLETIONS, """
                {"model": "%s", "max_tokens": 600, "stream": %s, "messages": [{"role": "user", "content": "Plan it."}]}
                """.formatted(model, stream), apiKey(key));
    }

    private static int vendorCalls() {
        return UPSTREAM.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS)).build()).getCount();
    }

    private static void assertRefused(KeyHttp.Answer answer, String type, long maxRetryAfter) {
        assertEquals(429, answer.status(), answer.raw().body());
        long retryAfter = Long.parseLong(answer.raw().headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= maxRetryAfter, "Retry-After " + retryAfter);
        assertEquals(type, answer.error().get("type"));
        assertEquals(type.equals("insufficient_quota") ? "insufficient_quota" : "rate_limit_exceeded",
                answer.error().get("code"));
        assertEquals(answer.body().get("detail"), answer.error().get("message"));
        assertTrue(answer.error().containsKey("param"));
    }

    @Test
    void a_model_the_key_may_not_call_is_403_before_reaching_the_vendor() {
        String key = key("\"allowed_models\": [\"gpt-4o-mini\"]");

        KeyHttp.Answer refused = chat(key, "gpt-4o", false);

        assertEquals(403, refused.status());
        assertEquals("invalid_request_error", refused.error().get("type"));
        assertEquals("permission_denied", refused.error().get("code"));
        assertTrue(((String) refused.body().get("detail")).contains("may not call model 'gpt-4o'"));
        assertEquals(200, chat(key, "gpt-4o-mini", false).status());
        assertEquals(403, chat(key, "gpt-4o", true).status(), "streamed too");
        assertEquals(1, vendorCalls());
    }

    @Test
    void a_one_cent_daily_budget_lets_the_first_call_through_and_stops_the_second_plain_or_streamed() {
        String key = key("\"budget_usd\": 0.01, \"budget_period\": \"day\"");

        assertEquals(200, chat(key, "gpt-4o", false).status());
        KeyHttp.Answer second = chat(key, "gpt-4o", false);
        KeyHttp.Answer streamed = chat(key, "gpt-4o", true);

        assertRefused(second, "insufficient_quota", 86_400);
        assertRefused(streamed, "insufficient_quota", 86_400);
        assertEquals(1, vendorCalls(), "refused calls never reach the vendor");
        Instant now = context.getBean(Clock.class).instant();
        String keyId = ApiKeyText.parse(key).orElseThrow().keyId();
        DailyBudget today = context.getBean(BudgetStore.class).period(TeamId.of(teamOf(key)),
                BudgetAccount.forKey(keyId, BudgetPeriod.DAY), BudgetPeriod.DAY.start(now), now);
        assertEquals(0, new BigDecimal("0.006025").compareTo(today.spent()), today.spent().toPlainString());
        assertTrue(today.holds().isEmpty());
    }

    private static String teamOf(String key) {
        return (String) http.send("GET", "/api/auth/me", null, apiKey(key)).body().get("team_id");
    }

    @Test
    void a_streamed_call_within_budget_is_settled_at_its_real_cost() {
        String key = key("\"budget_usd\": 1, \"budget_period\": \"month\"");

        KeyHttp.Answer streamed = chat(key, "gpt-4o", true);

        assertEquals(200, streamed.status());
        assertTrue(streamed.raw().body().contains("data: [DONE]"));
        Instant now = context.getBean(Clock.class).instant();
        DailyBudget month = context.getBean(BudgetStore.class).period(TeamId.of(teamOf(key)),
                BudgetAccount.forKey(ApiKeyText.parse(key).orElseThrow().keyId(), BudgetPeriod.MONTH),
                BudgetPeriod.MONTH.start(now), now);
        assertEquals(0, new BigDecimal("0.006025").compareTo(month.spent()), month.spent().toPlainString());
    }

    @Test
    void the_request_rate_limit_refuses_the_call_past_it_within_the_minute() {
        String key = key("\"requests_per_minute\": 2");

        assertEquals(200, chat(key, "gpt-4o", false).status());
        assertEquals(200, chat(key, "gpt-4o", true).status());
        assertRefused(chat(key, "gpt-4o", false), "rate_limit_error", 60);
        assertEquals(2, vendorCalls());
    }

    @Test
    void the_token_rate_limit_refuses_calls_once_the_minute_has_used_its_tokens() {
        String key = key("\"tokens_per_minute\": 500");

        assertEquals(200, chat(key, "gpt-4o", false).status());
        assertRefused(chat(key, "gpt-4o", false), "rate_limit_error", 60);
        assertEquals(1, vendorCalls());
    }

    @Test
    void the_openai_sdk_calls_with_a_key_as_its_api_key_and_reads_a_429_as_a_rate_limit() {
        String key = key("\"requests_per_minute\": 1");
        OpenAIClient client = OpenAIOkHttpClient.builder().baseUrl(baseUrl + "/v1").apiKey(key).maxRetries(0).build();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o")
                .addUserMessage("Say hello").build();

        ChatCompletion completion = client.chat().completions().create(params);
        RateLimitException limited = assertThrows(RateLimitException.class,
                () -> client.chat().completions().create(params));

        assertEquals("done", completion.choices().get(0).message().content().orElseThrow());
        assertEquals(429, limited.statusCode());
        assertTrue(limited.getMessage().contains("Rate limit reached for API key"), limited.getMessage());
    }
}
