package dev.athanor.promptlab.eval;

import dev.athanor.core.llm.CallContext;
import dev.athanor.core.llm.LlmService;
import dev.athanor.core.pipeline.StepExecutor;
import dev.athanor.core.pipeline.StepRequest;
import dev.athanor.core.pipeline.StepResult;
import dev.athanor.llm.pricing.PricingTable;
import dev.athanor.model.TeamId;
import dev.athanor.model.error.DomainException;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.prompt.TemplateRenderer;
import dev.athanor.model.promptlab.EvalSample;
import dev.athanor.model.promptlab.Evaluation.SampleResult;
import dev.athanor.model.promptlab.Evaluation.Score;
import dev.athanor.model.promptlab.Evaluation;
import dev.athanor.model.promptlab.EvaluationStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs the steps of the evaluation pipeline. {@code score} is a map state whose items are batches of samples: the
 * engine runs each item as a step of its own (one SQS message each), up to the map's {@code maxConcurrency} at
 * once, and inside a step up to {@link EvalConfiguration#getParallelism()} samples of the batch run at once. Each
 * sample: the prompt rendered with its variables goes to the project's model, then the judge scores the answer on
 * every scoring function. A judge call that fails or gives no readable score is tried once more; a sample whose
 * model or judge keeps failing is recorded as failed, and the evaluation goes on. The batch's results are written
 * to one key derived from the batch, so a redelivered step replaces them. {@code aggregate} reads every batch's
 * results and stores the evaluation as completed with its aggregates.
 */
@Singleton
@Requires(beans = {EvaluationStore.class, EvalFiles.class})
public class PromptEvalRunner implements StepExecutor {

    static final String SURFACE = "prompt-lab";
    static final int JUDGE_ATTEMPTS = 2;
    private static final Logger LOG = LoggerFactory.getLogger(PromptEvalRunner.class);

    private final LlmService llm;
    private final PricingTable prices;
    private final EvalFiles files;
    private final EvaluationStore store;
    private final EvalConfiguration config;
    private final Executor blocking;
    private final Clock clock;

    PromptEvalRunner(LlmService llm, PricingTable prices, EvalFiles files, EvaluationStore store,
                     EvalConfiguration config, @Named(TaskExecutors.BLOCKING) Executor blocking, Clock clock) {
        this.llm = llm;
        this.prices = prices;
        this.files = files;
        this.store = store;
        this.config = config;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Override
    public Set<String> actions() {
        return Set.of(PromptEvalPipeline.SCORE, PromptEvalPipeline.AGGREGATE);
    }

    @Override
    public StepResult run(StepRequest request) throws Exception {
        String action = request.definition().action();
        return switch (action) {
            case PromptEvalPipeline.SCORE -> score(request);
            case PromptEvalPipeline.AGGREGATE -> aggregate(request);
            default -> throw new IllegalStateException("No action '" + action + "' here");
        };
    }

    private StepResult score(StepRequest request) throws Exception {
        TeamId team = request.team();
        Map<String, String> vars = request.execution().vars();
        String evalId = vars.get(EvalVariables.EVAL_ID);
        String[] range = vars.getOrDefault("item", "").split("-");
        int from = Integer.parseInt(range[0]);
        int to = Integer.parseInt(range[1]);
        List<EvalSample> samples = files.samples(team, evalId);
        Semaphore slots = new Semaphore(config.getParallelism());
        AtomicReference<BigDecimal> cost = new AtomicReference<>(BigDecimal.ZERO);
        List<CompletableFuture<SampleResult>> running = new ArrayList<>();
        for (int i = from; i < Math.min(to, samples.size()); i++) {
            int index = i;
            EvalSample sample = samples.get(i);
            running.add(CompletableFuture.supplyAsync(() -> {
                slots.acquireUninterruptibly();
                try {
                    return sample(team, vars, index, sample, cost);
                } finally {
                    slots.release();
                }
            }, blocking));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .get(Math.max(1, request.timeoutSeconds() - 5), TimeUnit.SECONDS);
        List<SampleResult> results = new ArrayList<>();
        for (CompletableFuture<SampleResult> result : running) {
            results.add(result.get());
        }
        files.putResults(team, evalId, from, results);
        long failed = results.stream().filter(r -> SampleResult.FAILED.equals(r.status())).count();
        return new StepResult.Succeeded(Map.of("batch_" + from + "_failed", Long.toString(failed)), cost.get());
    }

    private SampleResult sample(TeamId team, Map<String, String> vars, int index, EvalSample sample,
                                AtomicReference<BigDecimal> cost) {
        String evalId = vars.get(EvalVariables.EVAL_ID);
        String prompt = TemplateRenderer.render(vars.get(EvalVariables.USER_PROMPT), sample.variables()).text();
        List<ChatMessage> messages = new ArrayList<>();
        String system = vars.get(EvalVariables.SYSTEM_PROMPT);
        if (system != null && !system.isBlank()) {
            messages.add(ChatMessage.system(TemplateRenderer.render(system, sample.variables()).text()));
        }
        messages.add(ChatMessage.user(prompt));
        String model = vars.get(EvalVariables.MODEL);
        CallContext call = new CallContext(team, SURFACE, vars.get(EvalVariables.PROJECT_ID), evalId, "eval_model");
        String output;
        try {
            ChatRequest request = new ChatRequest(model, messages, number(vars, EvalVariables.TEMPERATURE), null,
                    integer(vars, EvalVariables.MAX_TOKENS), null);
            ChatResponse answer = llm.chat(call, request);
            charge(cost, model, answer);
            output = answer.content();
        } catch (LlmException | DomainException e) {
            return failed(index, sample, null, "model " + model + ": " + e.getMessage());
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String function : EvalVariables.scoringFunctions(vars)) {
            String judged = judge(team, vars, function, prompt, output, sample.expected(), cost, scores);
            if (judged != null) {
                return failed(index, sample, output, judged);
            }
        }
        double mean = scores.values().stream().mapToDouble(Score::score).average().orElse(0);
        return new SampleResult(index, sample.variables(), sample.expected(), SampleResult.PASSED, output, scores,
                round(mean), null);
    }

    /** Scores one function into {@code scores}; returns why it could not, or null. */
    private String judge(TeamId team, Map<String, String> vars, String function, String prompt, String output,
                         String expected, AtomicReference<BigDecimal> cost, Map<String, Score> scores) {
        String judgeModel = vars.get(EvalVariables.JUDGE_MODEL);
        CallContext call = new CallContext(team, SURFACE, vars.get(EvalVariables.PROJECT_ID),
                vars.get(EvalVariables.EVAL_ID), "eval_judge");
        ChatRequest request = new ChatRequest(judgeModel, JudgePrompt.messages(function, prompt, output, expected),
                0.0, null, 300, null);
        String problem = null;
        for (int attempt = 1; attempt <= JUDGE_ATTEMPTS; attempt++) {
            try {
                ChatResponse verdict = llm.chat(call, request);
                charge(cost, judgeModel, verdict);
                Optional<Score> score = ScoreParser.parse(verdict.content());
                if (score.isPresent()) {
                    scores.put(function, score.get());
                    return null;
                }
                problem = "no score from 1 to 10 in the judge's answer";
            } catch (LlmException | DomainException e) {
                problem = e.getMessage();
            }
            LOG.info("Judge {} on {} failed (attempt {} of {}): {}", judgeModel, function, attempt, JUDGE_ATTEMPTS,
                    problem);
        }
        return "judge " + judgeModel + " on " + function + " failed " + JUDGE_ATTEMPTS + " times: " + problem;
    }

    private StepResult aggregate(StepRequest request) {
        TeamId team = request.team();
        Map<String, String> vars = request.execution().vars();
        String evalId = vars.get(EvalVariables.EVAL_ID);
        long projectId = Long.parseLong(vars.get(EvalVariables.PROJECT_ID));
        Evaluation evaluation = store.find(team, projectId, evalId).orElse(null);
        if (evaluation == null) {
            return new StepResult.Succeeded(Map.of(), BigDecimal.ZERO); // the project was deleted meanwhile
        }
        List<SampleResult> results = files.results(team, evalId);
        Evaluation.Aggregates aggregates = aggregates(evaluation.scoringFunctions(), results);
        store.save(team, evaluation.completed(aggregates, clock.instant()));
        return new StepResult.Succeeded(Map.of("passed", Integer.toString(aggregates.passed()),
                "failed", Integer.toString(aggregates.failed())), BigDecimal.ZERO);
    }

    /** The mean of each scoring function and overall over the samples that passed, and the counts. */
    static Evaluation.Aggregates aggregates(List<String> functions, List<SampleResult> results) {
        Map<String, Double> means = new LinkedHashMap<>();
        double sum = 0;
        int count = 0;
        for (String function : functions) {
            List<Double> scores = results.stream().map(r -> r.scores().get(function))
                    .filter(s -> s != null).map(Score::score).toList();
            if (!scores.isEmpty()) {
                means.put(function, round(scores.stream().mapToDouble(Double::doubleValue).average().orElse(0)));
            }
            sum += scores.stream().mapToDouble(Double::doubleValue).sum();
            count += scores.size();
        }
        int passed = (int) results.stream().filter(r -> SampleResult.PASSED.equals(r.status())).count();
        return new Evaluation.Aggregates(means, count == 0 ? null : round(sum / count), results.size(), passed,
                results.size() - passed);
    }

    private void charge(AtomicReference<BigDecimal> cost, String model, ChatResponse response) {
        BigDecimal call = prices.cost(response.model() == null ? model : response.model(), response.usage());
        if (call != null) {
            cost.accumulateAndGet(call, BigDecimal::add);
        }
    }

    private static SampleResult failed(int index, EvalSample sample, String output, String error) {
        return new SampleResult(index, sample.variables(), sample.expected(), SampleResult.FAILED, output, Map.of(),
                null, error);
    }

    private static Double number(Map<String, String> vars, String name) {
        String value = vars.get(name);
        return value == null ? null : Double.valueOf(value);
    }

    private static Integer integer(Map<String, String> vars, String name) {
        String value = vars.get(name);
        return value == null ? null : Integer.valueOf(value);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
