package dev.athanor.promptlab.eval;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.athanor.core.pipeline.PipelineEngine;
import dev.athanor.core.work.QueueWorker;
import dev.athanor.local.LocalLambdaContext;
import dev.athanor.local.LocalStack;
import dev.athanor.local.SqsPoller;
import dev.athanor.local.template.QueueSubscription;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.ExecutionStatus;
import dev.athanor.model.promptlab.Evaluation.SampleResult;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An LLM-as-judge evaluation end to end on the embedded stack: started as the prompt lab starts it, its pipeline run
 * by the prompt lab worker's handler from its work queue, the model under test and the judge served by an OpenAI-compatible
 * vendor (WireMock) whose judge answers depend on the scoring function. One judge call fails once (retried), one
 * sample's judge keeps failing (the sample fails, the evaluation completes).
 */
@ExtendWith(LocalStackExtension.class)
class PromptEvaluationIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String COMPLETIONS = "/v1/chat/completions";
    private static final String MODEL = "local-llama";
    private static final String JUDGE = "gpt-4o-mini";
    /** Samples per map item; the pipeline runs up to 4 items at once. */
    private static final int BATCH = 2;

    private static ApplicationContext context;
    private static QueueWorker handler;
    private static SqsPoller poller;
    private static QueueSubscription work;
    private static PromptEvaluations evaluations;

    private final TeamId team = TeamId.of("eval-" + UUID.randomUUID());
    private final PromptProject project = new PromptProject(1, "summarizer", MODEL, null, null, null, null,
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));

    @BeforeAll
    static void start() {
        context = TestFunctions.start("PromptLabWorkerFunction", Map.of(
                "openai.api.key", "sk-test",
                "openai.base.url", VENDOR.baseUrl() + "/v1",
                "athanor.llm.router.max-attempts", 1,
                "athanor.prompt-lab.eval.batch-size", BATCH));
        handler = new QueueWorker(context);
        evaluations = context.getBean(PromptEvaluations.class);
        work = LocalStackExtension.stack().resources().queueSubscriptions().stream()
                .filter(s -> s.queueId().equals("PromptLabWorkQueue")).findFirst().orElseThrow();
        poller = new SqsPoller(LocalStackExtension.stack().sqs(), work, handler, new LocalLambdaContext("worker"),
                LocalStack.REGION, 0);
    }

    @AfterAll
    static void stop() {
        handler.close();
        context.close();
    }

    @BeforeEach
    void vendor() {
        VENDOR.resetAll();
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(okJson("""
                {"object": "list", "data": [{"id": "gpt-4o-mini", "object": "model", "owned_by": "system"},
                                            {"id": "local-llama", "object": "model", "owned_by": "me"}]}
                """)));
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(10)
                .withRequestBody(matchingJsonPath("$.model", equalTo(MODEL)))
                .willReturn(okJson(completion(MODEL, "A short summary."))));
        judgeAnswers("relevance", "Score: 8\nReason: On topic.");
        judgeAnswers("conciseness", "**Score:** 6/10\nReason: A little long.");
    }

    private static void judgeAnswers(String criterion, String answer) {
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(5)
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing("Criterion: " + criterion))
                .willReturn(okJson(completion(JUDGE, answer))));
    }

    private static String completion(String model, String content) {
        return """
                {"id": "chatcmpl-1", "object": "chat.completion", "created": 1767225600, "model": "%s",
                 "choices": [{"index": 0, "message": {"role": "assistant", "content": %s},
                              "finish_reason": "stop"}],
                 "usage": {"prompt_tokens": 50, "completion_tokens": 10, "total_tokens": 60}}
                """.formatted(model, quoted(content));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void drain() {
        int idle = 0;
        for (int i = 0; i < 400 && idle < 2; i++) {
            idle = poller.pollOnce(0) == 0 ? idle + 1 : 0;
        }
    }

    private static EvalRequest request(String dataset, int samples) {
        return new EvalRequest("Summarize: {{text}}", "You are a summarization expert", dataset, samples,
                List.of("relevance", "conciseness"), Map.of("text", "unused default"), JUDGE, 0.2, 200);
    }

    private static int judgeCalls(String sampleText, String criterion) {
        return VENDOR.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing(sampleText))
                .withRequestBody(containing("Criterion: " + criterion)).build()).getCount();
    }

    @Test
    void twenty_samples_are_answered_judged_and_aggregated_with_a_flaky_and_a_failing_judge() {
        // the lighthouse sample's first relevance verdict fails with a 500, its retry succeeds
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(1).inScenario("flaky judge")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing("lighthouse"))
                .withRequestBody(containing("Criterion: relevance"))
                .willReturn(aResponse().withStatus(500).withBody("{\"error\": {\"message\": \"overloaded\"}}"))
                .willSetStateTo("recovered"));
        // the bike-sharing sample's judge refuses every time
        VENDOR.stubFor(post(urlEqualTo(COMPLETIONS)).atPriority(1)
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing("bike-sharing"))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"content refused\"}}")));

        Evaluation started = evaluations.start(team, project, request("xsum", 20));
        assertEquals(Evaluation.RUNNING, started.status());
        assertEquals(20, started.numSamples());

        drain();

        Evaluation done = evaluations.find(team, project.id(), started.id()).orElseThrow();
        assertEquals(Evaluation.COMPLETED, done.status(), String.valueOf(done.error()));
        assertEquals(ExecutionStatus.SUCCEEDED, context.getBean(PipelineEngine.class)
                .find(team, PromptEvalPipeline.executionId(started.id())).orElseThrow().execution().status());
        Evaluation.Aggregates aggregates = done.aggregates();
        assertEquals(20, aggregates.total());
        assertEquals(19, aggregates.passed());
        assertEquals(1, aggregates.failed());
        assertEquals(Map.of("relevance", 8.0, "conciseness", 6.0), aggregates.meanScores());
        assertEquals(7.0, aggregates.overall());

        List<SampleResult> samples = done.samples();
        assertEquals(20, samples.size());
        for (int i = 0; i < samples.size(); i++) {
            assertEquals(i, samples.get(i).index());
        }
        SampleResult lighthouse = samples.get(5);
        assertTrue(lighthouse.variables().get("text").contains("lighthouse"));
        assertEquals(SampleResult.PASSED, lighthouse.status());
        assertEquals(8.0, lighthouse.scores().get("relevance").score());
        assertEquals("On topic.", lighthouse.scores().get("relevance").reason());
        assertEquals(7.0, lighthouse.meanScore());
        assertEquals("A short summary.", lighthouse.output());
        assertEquals(2, judgeCalls("lighthouse", "relevance"), "the failed judge call was retried once");

        SampleResult refused = samples.get(6);
        assertTrue(refused.variables().get("text").contains("bike-sharing"));
        assertEquals(SampleResult.FAILED, refused.status());
        assertTrue(refused.error().contains("failed 2 times"), refused.error());
        assertTrue(refused.scores().isEmpty());
        assertNull(refused.meanScore());
        assertEquals(2, judgeCalls("bike-sharing", "relevance"));

        List<Evaluation> history = evaluations.list(team, project.id(), PageRequest.first(50)).items();
        assertEquals(1, history.size());
        assertEquals(Evaluation.COMPLETED, history.get(0).status());
        assertNull(history.get(0).samples(), "the history leaves the samples out");
    }

    @Test
    void an_unknown_dataset_or_too_many_samples_is_refused_and_nothing_is_stored() {
        assertTrue(assertThrows(InvalidInputException.class,
                () -> evaluations.start(team, project, request("custom_evaluation_set", 5))).getMessage()
                .startsWith("Unknown evalDataset 'custom_evaluation_set'"));
        assertThrows(InvalidInputException.class, () -> evaluations.start(team, project, request("xsum", 0)));
        assertThrows(InvalidInputException.class, () -> evaluations.start(team, project, request("xsum", 100_000)));
        assertTrue(context.getBean(EvaluationStore.class).list(team, project.id(), PageRequest.first(50)).items()
                .isEmpty());
    }

    @Test
    void deleting_the_project_removes_its_evaluations_and_their_results() {
        Evaluation started = evaluations.start(team, project, request("qa", 3));
        drain();
        assertEquals(3, evaluations.results(team, started.id()).size());

        evaluations.deleteProject(team, project.id());

        assertTrue(evaluations.find(team, project.id(), started.id()).isEmpty());
        assertTrue(evaluations.results(team, started.id()).isEmpty());
        assertTrue(context.getBean(PipelineEngine.class)
                .find(team, PromptEvalPipeline.executionId(started.id())).isEmpty());
    }

    @Test
    void a_batch_step_delivered_twice_is_judged_once_and_leaves_one_result_per_sample() {
        Evaluation started = evaluations.start(team, project, request("qa", 4));
        List<Message> first = LocalStackExtension.stack().sqs().receiveMessage(r -> r.queueUrl(work.queueUrl())
                .maxNumberOfMessages(1).waitTimeSeconds(1).visibilityTimeout(30)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
        assertEquals(1, first.size());
        assertTrue(first.get(0).body().contains("\"state\":\"score\""), first.get(0).body());

        for (int delivery = 0; delivery < 2; delivery++) {
            assertEquals(0, handler.handleRequest(event(first.get(0)), new LocalLambdaContext("worker"))
                    .getBatchItemFailures().size());
        }
        LocalStackExtension.stack().sqs().deleteMessage(r -> r.queueUrl(work.queueUrl())
                .receiptHandle(first.get(0).receiptHandle()));
        drain();

        Evaluation done = evaluations.find(team, project.id(), started.id()).orElseThrow();
        assertEquals(Evaluation.COMPLETED, done.status());
        assertEquals(4, done.samples().size());
        assertEquals(4, done.aggregates().passed());
        assertEquals(4 * 2, judgeCalls(), "each sample judged once per scoring function");
    }

    /** The step messages waiting in the work queue now, received (hidden for a minute) and deleted. */
    private static List<Message> takeWaitingSteps() {
        List<Message> taken = new ArrayList<>();
        for (List<Message> got = receive(); !got.isEmpty(); got = receive()) {
            for (Message m : got) {
                taken.add(m);
                LocalStackExtension.stack().sqs().deleteMessage(r -> r.queueUrl(work.queueUrl())
                        .receiptHandle(m.receiptHandle()));
            }
        }
        return taken;
    }

    private static List<Message> receive() {
        return LocalStackExtension.stack().sqs().receiveMessage(r -> r.queueUrl(work.queueUrl())
                .maxNumberOfMessages(10).waitTimeSeconds(1).visibilityTimeout(60)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL).messageAttributeNames("All")).messages();
    }

    private static void deliver(Message m) {
        assertEquals(0, handler.handleRequest(event(m), new LocalLambdaContext("worker")).getBatchItemFailures().size());
    }

    /** {@code m} as SQS delivers it again: the same message, received once more. */
    private static Message receivedAgain(Message m) {
        Map<MessageSystemAttributeName, String> attributes = new HashMap<>(m.attributes());
        attributes.merge(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "2",
                (count, two) -> Integer.toString(Integer.parseInt(count) + 1));
        return m.toBuilder().attributes(attributes).build();
    }

    private static int judgeCalls() {
        return VENDOR.countRequestsMatching(postRequestedFor(urlEqualTo(COMPLETIONS))
                .withRequestBody(matchingJsonPath("$.model", equalTo(JUDGE)))
                .withRequestBody(containing("Criterion: ")).build()).getCount();
    }

    @Test
    void four_batches_are_sent_at_once_and_run_side_by_side_each_finished_batch_sending_the_next() throws Exception {
        Evaluation started = evaluations.start(team, project, request("qa", 12)); // 6 batches of 2

        List<Message> first = takeWaitingSteps();
        assertEquals(4, first.size(), "the map sends as many batches as it may run at once");
        assertEquals(4, first.stream().map(Message::body).distinct().count());
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            first.forEach(m -> runs.add(workers.submit(() -> deliver(m))));
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS); // four commits on one execution race; each retries until it lands
            }
        } finally {
            workers.shutdownNow();
        }
        assertEquals(2, takeWaitingSteps().stream().filter(m -> m.body().contains("\"state\":\"score\"")).count(),
                "the first two finished batches sent the last two");
        // the two taken above were deleted unrun: their senders' outboxes send them again when their messages come
        // back (received a second time, as after a delivery that died before its sends)
        first.forEach(m -> deliver(receivedAgain(m)));
        drain();

        Evaluation done = evaluations.find(team, project.id(), started.id()).orElseThrow();
        assertEquals(Evaluation.COMPLETED, done.status(), String.valueOf(done.error()));
        assertEquals(12, done.samples().size());
        assertEquals(12, done.aggregates().passed());
        assertEquals(12 * 2, judgeCalls(), "each sample judged once per scoring function");
    }

    private static SQSEvent event(Message m) {
        return SqsPoller.event(List.of(m), work, LocalStack.REGION);
    }
}
