package dev.athanor.orchestrator.execution;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.ApiGatewayEvents;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.athanor.testkit.ApiGatewayEvents.request;

/**
 * The orchestrator's API function and its worker function on the embedded stack, both calling one OpenAI-compatible
 * vendor (WireMock, the documented chat-completions wire format) that serves every agent's model and the judge's.
 * The worker's handler is fed from the work queue by a poller, step by step or until the queue is empty. Public
 * for the tests of other features that start tasks.
 */
public final class OrchestrationTesting implements AutoCloseable {

    public static final String COMPLETIONS = "/v1/chat/completions";
    public static final String CLAUDE = "claude-sonnet-4-5";
    public static final String GEMINI = "gemini-1.5-flash";
    public static final String COPILOT = "gpt-4.1";
    public static final String JUDGE = "gpt-4o-mini";

    public final WireMockExtension vendor;
    public final LambdaHttp http;
    public final ApplicationContext worker;
    private final QueueWorker handler;
    private final SqsPoller poller;

    public OrchestrationTesting(WireMockExtension vendor) {
        this.vendor = vendor;
        Map<String, Object> settings = Map.of(
                "openai.api.key", "sk-test",
                "openai.base.url", vendor.baseUrl() + "/v1",
                "athanor.llm.router.max-attempts", 1,
                "athanor.llm.router.failure-threshold", 2,
                "athanor.security.allow-private-urls", true,
                "athanor.orchestrator.agent-models", Map.of("claude", CLAUDE, "gemini", GEMINI, "copilot", COPILOT),
                "athanor.orchestrator.judge-model", JUDGE);
        http = LambdaHttp.start("OrchestratorFunction", settings);
        worker = TestFunctions.start("OrchestratorWorkerFunction", settings);
        handler = new QueueWorker(worker);
        QueueSubscription work = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("OrchestratorWorkQueue")).findFirst().orElseThrow();
        poller = new SqsPoller(LocalStackExtension.stack().sqs(), work, handler, new LocalLambdaContext("worker"),
                LocalStack.REGION, 0);
    }

    public record Caller(TeamId team, String bearer) {
    }

    public Caller newCaller() {
        TeamId team = TeamId.of("orch-" + UUID.randomUUID());
        return new Caller(team, http.context().getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token());
    }

    public LambdaHttp.Response send(Caller caller, String method, String path, String json) {
        ApiGatewayEvents event = request(method, path).bearer(caller.bearer());
        return http.send(json == null ? event : event.json(json));
    }

    /** Lists every model the vendor serves. */
    public void vendorModels() {
        vendor.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [
                  {"id": "%s", "object": "model", "owned_by": "a"}, {"id": "%s", "object": "model", "owned_by": "g"},
                  {"id": "%s", "object": "model", "owned_by": "o"}, {"id": "%s", "object": "model", "owned_by": "o"}]}
                """.formatted(GEMINI, CLAUDE, COPILOT, JUDGE))));
    }

    /** The model answers each of {@code answers} in turn, then the last again. */
    public void agentSays(String model, String... answers) {
        String scenario = "answers of " + model;
        for (int i = 0; i < answers.length; i++) {
            String state = i == 0 ? Scenario.STARTED : "answer " + i;
            var stub = post(urlEqualTo(COMPLETIONS)).atPriority(10).inScenario(scenario).whenScenarioStateIs(state)
                    .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                    .willReturn(okJson(completion(model, answers[i], 100, 50)));
            vendor.stubFor(i + 1 < answers.length ? stub.willSetStateTo("answer " + (i + 1)) : stub);
        }
    }

    /** The judge scores a result holding {@code text}. */
    public void judgeScores(String text, double quality) {
        vendor.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(5)
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing(text))
                .willReturn(okJson(completion(JUDGE, """
                        {"quality": %s, "tests_passing": true, "security_issues": 0, "feedback": "Improve %s"}"""
                        .formatted(quality, text), 200, 20))));
    }

    /** The calls of {@code model} whose body holds {@code text} (the work queue may still hold other tests' steps). */
    public int calls(String model, String text) {
        return vendor.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.model", equalTo(model)))
                .withRequestBody(containing(text)).build()).getCount();
    }

    static String completion(String model, String content, int in, int out) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s}, "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": %d, "completion_tokens": %d, "total_tokens": %d}}
                """.formatted(model, quoted(content), in, out, in + out);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /**
     * Runs the worker until the work queue is empty. A step sends the next one before its handling returns, so an
     * empty receive (twice, as a receive may miss a message just sent) means no step is left.
     */
    public void drain() {
        int idle = 0;
        for (int i = 0; i < 1000 && idle < 2; i++) {
            idle = poller.pollOnce(0) == 0 ? idle + 1 : 0;
        }
    }

    /** Runs exactly the next step message. */
    public void step() {
        for (int i = 0; i < 20; i++) {
            if (poller.pollOnce(1) > 0) {
                return;
            }
        }
        throw new AssertionError("no step message came");
    }

    /** The project a new team's tasks go to. */
    public String project(Caller caller) {
        LambdaHttp.Response created = send(caller, "POST", "/api/projects", "{\"name\": \"Orchestrated\"}");
        if (created.status() != 201) {
            throw new AssertionError(created.body());
        }
        return (String) created.map().get("id");
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Override
    public void close() {
        handler.close();
        worker.close();
        http.close();
    }
}
