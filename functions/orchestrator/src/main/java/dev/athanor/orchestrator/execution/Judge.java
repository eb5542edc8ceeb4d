package dev.athanor.orchestrator.execution;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.core.llm.ModelDirectory;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.error.UnavailableException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.orchestrator.routing.OrchestratorAgentsConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Scores an iteration's result with a judge model that answers a small JSON document (quality 0-1, whether tests
 * would pass, how many security issues, feedback for the next iteration), asked for in the system message as a JSON
 * Schema. An answer that is not such a document is asked for once more. With {@code parallel_evaluation} enabled the
 * judge is asked {@code min(worker_count, 3)} times at once, each within {@code timeout_seconds}: the quality is the
 * mean, tests pass only if every judgement says so, the security issues are the most any judgement found.
 */
@Singleton
class Judge {

    static final int MAX_SAMPLES = 3;
    static final int ATTEMPTS = 2;

    static final String SCHEMA = """
            {"type": "object",
             "properties": {
               "quality": {"type": "number", "description": "0.0 (unusable) to 1.0 (complete, correct, ready)"},
               "tests_passing": {"type": "boolean", "description": "whether the result's tests (or checks) would pass"},
               "security_issues": {"type": "integer", "minimum": 0, "description": "security problems found"},
               "feedback": {"type": "string", "description": "what the next iteration must improve"}},
             "required": ["quality", "tests_passing", "security_issues", "feedback"]}""";

    /** One judgement, the figures of all samples together. */
    record Verdict(double quality, boolean testsPassing, int securityIssues, String feedback, String model,
                   long tokens, BigDecimal cost) {
    }

    private final LlmService llm;
    private final ModelDirectory models;
    private final PricingTable prices;
    private final OrchestratorAgentsConfiguration config;
    private final JsonMapper json;
    private final Executor blocking;

    Judge(LlmService llm, ModelDirectory models, PricingTable prices, OrchestratorAgentsConfiguration config,
          JsonMapper json, @Named(TaskExecutors.BLOCKING) Executor blocking) {
        this.llm = llm;
        this.models = models;
        this.prices = prices;
        this.config = config;
        this.json = json;
        this.blocking = blocking;
    }

    /**
     * @throws LlmException         when a judge call failed
     * @throws UnavailableException when the judge gave no usable verdict or there is no judge model
     */
    Verdict judge(CallContext context, HrmConfig hrm, String task, String result) throws Exception {
        String model = model(context);
        List<ChatMessage> messages = List.of(ChatMessage.system("""
                You judge the work of an AI agent on a task. Score how well the result accomplishes the task, as a \
                strict reviewer: quality 1.0 only when it is complete, correct and ready to use. Answer with a JSON \
                document that follows this JSON Schema, and nothing else:
                ```json
                %s
                ```""".formatted(SCHEMA)),
                ChatMessage.user("Task:\n" + task + "\n\nResult:\n" + result));
        ChatRequest request = new ChatRequest(model, messages, 0.0, null, 600, null, null);
        HrmConfig.ParallelEvaluation parallel = hrm.parallelEvaluation();
        int samples = parallel.enabled() ? Math.max(1, Math.min(parallel.workerCount(), MAX_SAMPLES)) : 1;
        List<CompletableFuture<Verdict>> running = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            running.add(CompletableFuture.supplyAsync(() -> sample(context, request), blocking));
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(running.toArray(CompletableFuture[]::new));
        try {
            if (parallel.enabled()) {
                all.get(parallel.timeoutSeconds(), TimeUnit.SECONDS);
            } else {
                all.get();
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
        List<Verdict> verdicts = running.stream().map(CompletableFuture::join).toList();
        double quality = verdicts.stream().mapToDouble(Verdict::quality).average().orElse(0);
        return new Verdict(Math.round(quality * 1000) / 1000.0, verdicts.stream().allMatch(Verdict::testsPassing),
                verdicts.stream().mapToInt(Verdict::securityIssues).max().orElse(0), verdicts.get(0).feedback(),
                model, verdicts.stream().mapToLong(Verdict::tokens).sum(),
                verdicts.stream().map(Verdict::cost).reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    private Verdict sample(CallContext context, ChatRequest request) {
        long tokens = 0;
        BigDecimal cost = BigDecimal.ZERO;
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            ChatResponse answer = llm.chat(context, request);
            tokens += answer.usage().totalTokens();
            BigDecimal call = prices.cost(answer.model() == null ? request.model() : answer.model(), answer.usage());
            cost = cost.add(call == null ? BigDecimal.ZERO : call);
            Optional<Verdict> read = read(answer.content(), request.model(), tokens, cost);
            if (read.isPresent()) {
                return read.get();
            }
            problem = "the judge's answer is not the JSON document asked for: " + cut(answer.content());
        }
        throw new UnavailableException("No verdict from the judge " + request.model() + " after " + ATTEMPTS
                + " answers; " + problem);
    }

    /** The verdict in an answer: the first JSON object in it, with a quality from 0 to 1. */
    Optional<Verdict> read(String content, String model, long tokens, BigDecimal cost) {
        int start = content.indexOf('{');
        int end = content.lastIndexOf('}');
        if (start < 0 || end <= start) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = json.readValue(content.substring(start, end + 1), JsonNode.class);
        } catch (IOException e) {
            return Optional.empty();
        }
        JsonNode quality = node.get("quality");
        if (quality == null || !quality.isNumber()) {
            return Optional.empty();
        }
        double q = quality.getNumberValue().doubleValue();
        if (q > 1 && q <= 10) {
            q = q / 10; // a judge that scored out of 10 despite the schema
        }
        if (!(q >= 0 && q <= 1)) {
            return Optional.empty();
        }
        JsonNode tests = node.get("tests_passing");
        JsonNode security = node.get("security_issues");
        JsonNode feedback = node.get("feedback");
        return Optional.of(new Verdict(q, tests != null && tests.isBoolean() && tests.getBooleanValue(),
                security != null && security.isNumber() ? Math.max(0, security.getNumberValue().intValue()) : 0,
                feedback != null && feedback.isString() ? feedback.getStringValue() : null, model, tokens, cost));
    }

    private String model(CallContext context) {
        if (config.getJudgeModel() != null && !config.getJudgeModel().isBlank()) {
            return config.getJudgeModel();
        }
        List<ModelDirectory.ListedModel> listed = models.list(context.team());
        if (listed.isEmpty()) {
            throw new UnavailableException("No judge model: set athanor.orchestrator.judge-model or add a provider");
        }
        return listed.get(0).id();
    }

    @Nullable
    private static String cut(@Nullable String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
