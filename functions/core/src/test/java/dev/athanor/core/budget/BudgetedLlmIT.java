package dev.athanor.core.budget;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.http.DomainExceptionHandler;
import dev.athanor.core.llm.CallContext;
import dev.athanor.model.TeamId;
import dev.athanor.model.Versioned;
import dev.athanor.model.budget.BudgetExceededException;
import dev.athanor.model.budget.BudgetStore;
import dev.athanor.model.budget.DailyBudget;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.settings.SettingsRepository;
import dev.athanor.model.settings.TeamSettings;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The daily cost limit end to end, in the factory worker's configuration on the embedded stack: calls go through the real
 * router to an OpenAI-compatible vendor (WireMock) serving gpt-4o-mini (priced) and a model with no price.
 */
@ExtendWith(LocalStackExtension.class)
class BudgetedLlmIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String COMPLETIONS = "/v1/chat/completions";

    private static ApplicationContext context;
    private static BudgetedLlm llm;

    private TeamId team;

    @BeforeAll
    static void startWorker() {
        context = TestFunctions.start("FactoryWorkerFunction", Map.of(
                "openai.api.key", "sk-test",
                "openai.base.url", VENDOR.baseUrl() + "/v1",
                "athanor.llm.router.max-attempts", 1));
        llm = context.getBean(BudgetedLlm.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void freshTeamAndVendor() {
        team = TeamId.of("budget-" + UUID.randomUUID());
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "owned_by": "system"},
                                            {"id": "local-llama", "object": "model", "owned_by": "me"}]}
                """)));
    }

    private void dailyCostLimit(String usd) {
        SettingsRepository settings = context.getBean(SettingsRepository.class);
        Versioned<Map<String, String>> current = settings.find(team, TeamSettings.SCOPE).orElse(null);
        Map<String, String> values =
                new LinkedHashMap<>(current == null ? TeamSettings.defaults() : current.value());
        values.put(TeamSettings.DAILY_COST_LIMIT, usd);
        settings.save(team, TeamSettings.SCOPE, values, current == null ? null : current.version());
    }

    private static void vendorAnswers(String model, int promptTokens, int completionTokens) {
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(okJson("""
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": "done"},
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}
                """.formatted(model, promptTokens, completionTokens, promptTokens + completionTokens))));
    }

    private ChatResponse call(String model, int maxTokens) {
        ChatRequest request = new ChatRequest(model, List.of(ChatMessage.user("Write the plan.")), null, null,
                maxTokens, null);
        return llm.chat(new CallContext(team, "factory", null, "job-1", "dev_agent"), request);
    }

    private DailyBudget today() {
        Clock clock = context.getBean(Clock.class);
        return context.getBean(BudgetStore.class).day(team, DailyBudget.dayOf(clock.instant()), clock.instant());
    }

    private static int completionsRequested() {
        return VENDOR.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS)).build()).getCount();
    }

    @Test
    void calls_pass_until_the_next_could_pass_the_limit_which_is_refused_before_reaching_the_vendor() {
        dailyCostLimit("0.01");
        // gpt-4o-mini: 0.15 in, 0.60 out per million; each call costs 10 x 0.15 + 3000 x 0.60 = $0.0018015
        vendorAnswers("gpt-4o-mini-2024-07-18", 10, 3000);
        VENDOR.resetRequests();

        // each may cost up to $0.0024 (4000 completion tokens): 5 fit under $0.01, then $0.0090 + $0.0024 do not
        for (int i = 0; i < 5; i++) {
            assertEquals("done", call("gpt-4o-mini", 4000).content());
        }
        BudgetExceededException refused = assertThrows(BudgetExceededException.class, () -> call("gpt-4o-mini", 4000));

        assertEquals(5, completionsRequested(), "the refused call never reached the vendor");
        DailyBudget today = today();
        assertEquals(0, new BigDecimal("0.0090075").compareTo(today.spent()), today.spent().toPlainString());
        assertTrue(today.holds().isEmpty());
        assertEquals(0, new BigDecimal("0.0090075").compareTo(refused.spent()));
        assertTrue(refused.getMessage().startsWith("Daily cost limit of $0.01 reached for team " + team.value()
                + ": $0.01 spent, $0.00 reserved by calls in progress, and this call may cost up to $0.0024"),
                refused.getMessage());
    }

    @Test
    void a_smaller_call_still_fits_after_a_larger_one_was_refused() {
        dailyCostLimit("0.01");
        vendorAnswers("gpt-4o-mini", 10, 3000);
        for (int i = 0; i < 5; i++) {
            call("gpt-4o-mini", 4000);
        }
        assertThrows(BudgetExceededException.class, () -> call("gpt-4o-mini", 4000));

        vendorAnswers("gpt-4o-mini", 10, 100);
        assertEquals("done", call("gpt-4o-mini", 1000).content());
        assertEquals(0, new BigDecimal("0.0090690").compareTo(today().spent()), today().spent().toPlainString());
    }

    @Test
    void a_failed_call_releases_its_hold_and_costs_nothing() {
        dailyCostLimit("0.01");
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"bad request\", \"type\": \"invalid_request_error\"}}")));

        assertThrows(LlmException.class, () -> call("gpt-4o-mini", 4000));

        DailyBudget today = today();
        assertEquals(0, today.spent().signum());
        assertTrue(today.holds().isEmpty(), today.holds().toString());
    }

    @Test
    void a_model_without_a_price_passes_while_the_limit_is_not_reached_and_a_limit_of_zero_stops_it() {
        dailyCostLimit("0.01");
        vendorAnswers("local-llama", 500, 5000);
        VENDOR.resetRequests();

        assertEquals("done", call("local-llama", 100_000).content());
        assertEquals("done", call("local-llama", 100_000).content());
        assertEquals(0, today().spent().signum());

        dailyCostLimit("0.00");
        assertThrows(BudgetExceededException.class, () -> call("local-llama", 100));
        assertEquals(2, completionsRequested());
    }

    @Test
    void without_stored_settings_the_default_limit_of_five_dollars_applies() {
        vendorAnswers("gpt-4o-mini", 10, 3000);

        // 9,000,000 completion tokens may cost $5.40, more than the default limit; a small call fits
        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> call("gpt-4o-mini", 9_000_000));

        assertTrue(refused.getMessage().startsWith("Daily cost limit of $5.00 reached"), refused.getMessage());
        assertEquals("done", call("gpt-4o-mini", 4000).content());
    }

    @Test
    void a_refusal_is_answered_429_with_the_reason_in_detail() throws Exception {
        dailyCostLimit("0.00");
        BudgetExceededException refused = assertThrows(BudgetExceededException.class, () -> call("gpt-4o-mini", 10));

        HttpResponse<?> response = context.getBean(DomainExceptionHandler.class)
                .handle(HttpRequest.POST("/api/agents/dev_agent/test", "{}"), refused);

        assertEquals(429, response.code());
        String body = context.getBean(JsonMapper.class).writeValueAsString(response.body());
        assertEquals(Map.of("detail", refused.getMessage()),
                context.getBean(JsonMapper.class).readValue(body, Map.class));
    }
}
