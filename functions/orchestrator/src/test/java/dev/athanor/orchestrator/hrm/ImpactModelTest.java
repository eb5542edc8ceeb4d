package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.HrmConfig.AgentSwitching;
import dev.athanor.model.orchestrator.HrmConfig.DeepSupervision;
import dev.athanor.model.orchestrator.HrmConfig.MlIterationPrediction;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.orchestrator.hrm.SimulationView.ImpactAnalysis;
import dev.athanor.orchestrator.hrm.SimulationView.Metric;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The replay of recorded tasks under a config and the estimate drawn from it, against figures worked out by hand.
 * The history: A reaches 0.8 at its 2nd iteration and 0.9 at its 3rd (1.00 USD, 1000 tokens, 100 s an iteration);
 * B never passes 0.7 in 4 (0.50 USD, 500 tokens, 50 s); C scores 0.9 at once (2.00 USD, 3000 tokens, 200 s).
 */
class ImpactModelTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    /** Gate 0.75, 7 iterations, 5.00 USD. */
    private static final HrmConfig DEFAULTS = HrmConfig.DEFAULTS;
    private static final HrmConfig STRICT_AND_CHEAP = config(0.85, 3, 2.5);

    private static final TaskReplay A = replay(1.0, 1000, 100, 0.6, 0.8, 0.9);
    private static final TaskReplay B = replay(0.5, 500, 50, 0.5, 0.6, 0.7, 0.7);
    private static final TaskReplay C = replay(2.0, 3000, 200, 0.9);
    private static final List<TaskReplay> HISTORY = List.of(A, B, C);

    private static HrmConfig config(double gate, int maxIterations, double ceiling) {
        HrmConfig d = HrmConfig.DEFAULTS;
        return new HrmConfig(d.latentReasoning(), new MlIterationPrediction("auto", maxIterations, 0.8),
                new AgentSwitching("adaptive", 0.2, ceiling, 3), new DeepSupervision(true, List.of(1.0), gate),
                d.parallelEvaluation(), d.caching(), d.bayesianOptimization(), d.rlRefinement(),
                d.prometheusMetrics(), d.multiRepo());
    }

    private static TaskIteration iteration(int run, int number, Double quality, double cost, long tokens,
                                           double seconds) {
        return new TaskIteration(run, number, "claude", null, "model", quality, true, 0, null, tokens, cost, seconds,
                null, T);
    }

    private static OrchestratorTask task(TaskStatus status, List<TaskIteration> iterations) {
        OrchestratorTask.Builder task = new OrchestratorTask(UUID.randomUUID().toString(), "project", 1, "Task", null,
                List.of(), status, "claude", 0, iterations.size(), 7, 0, null, false, 0, T, T, null, 0, null, T, T)
                .change();
        task.iterations.addAll(iterations);
        task.runs = iterations.stream().mapToInt(TaskIteration::run).max().orElse(0);
        return task.build();
    }

    /** A completed task with one run whose iterations cost the same and score {@code qualities}. */
    private static TaskReplay replay(double cost, long tokens, double seconds, Double... qualities) {
        List<TaskIteration> iterations = new ArrayList<>();
        for (int i = 0; i < qualities.length; i++) {
            iterations.add(iteration(1, i + 1, qualities[i], cost, tokens, seconds));
        }
        return TaskReplay.of(task(TaskStatus.COMPLETED, iterations)).orElseThrow();
    }

    @Test
    void a_replay_stops_at_the_first_iteration_reaching_the_gate_else_at_max_iterations_with_the_last_quality() {
        assertEquals(new TaskReplay.Outcome(2, 0.8, 2.0, 2000, 200, true, false), A.under(DEFAULTS), "late");
        assertEquals(new TaskReplay.Outcome(1, 0.9, 2.0, 3000, 200, true, false), C.under(DEFAULTS), "at once");
        assertEquals(new TaskReplay.Outcome(7, 0.7, 3.5, 3500, 350, false, false), B.under(DEFAULTS),
                "never: 4 recorded iterations extended to 7 at 0.7");
        assertEquals(new TaskReplay.Outcome(3, 0.7, 1.5, 1500, 150, false, false), B.under(STRICT_AND_CHEAP),
                "never, within 3");
    }

    @Test
    void the_cost_ceiling_stops_a_replay_before_the_iteration_that_would_pass_it_but_never_before_the_first() {
        assertEquals(new TaskReplay.Outcome(2, 0.8, 2.0, 2000, 200, false, true), A.under(STRICT_AND_CHEAP),
                "gate at the 3rd, 2.50 USD pays for 2");
        TaskReplay tenCents = replay(0.1, 10, 1, 0.1, 0.2, 0.3, 0.4, 0.5);
        assertEquals(3, tenCents.under(config(0.75, 7, 0.3)).iterations(), "0.30 USD pays for exactly 3");
        assertEquals(1, C.under(config(0.95, 7, 1.0)).iterations(), "an iteration costing more than the ceiling");
        assertEquals(new TaskReplay.Outcome(5, 0.5, 0, 0, 5, false, false),
                replay(0, 0, 1, 0.1, 0.2, 0.3, 0.4, 0.5).under(config(0.75, 5, 0)), "nothing spent, nothing cut");
    }

    @Test
    void a_replay_reads_the_last_run_of_a_finished_task_and_repeats_a_missing_score() {
        OrchestratorTask retried = task(TaskStatus.FAILED, List.of(
                iteration(1, 1, 0.95, 9.0, 9000, 900),
                iteration(2, 1, null, 1.0, 100, 10),
                iteration(2, 2, 0.5, 2.0, 200, 20),
                iteration(2, 3, null, 3.0, 600, 60)));

        assertEquals(Optional.of(new TaskReplay(List.of(0.0, 0.5, 0.5), 2.0, 300, 30)), TaskReplay.of(retried));
        assertEquals(Optional.empty(), TaskReplay.of(task(TaskStatus.IN_PROGRESS,
                List.of(iteration(1, 1, 0.9, 1, 1, 1)))), "unfinished");
        assertEquals(Optional.empty(), TaskReplay.of(task(TaskStatus.FAILED, List.of())), "never ran");
    }

    @Test
    void the_estimate_averages_the_replays_under_each_config_with_confidence_from_count_and_spread() {
        ImpactModel.Estimate estimate = ImpactModel.estimate(HISTORY, DEFAULTS, STRICT_AND_CHEAP,
                ImpactModel.Context.NONE);

        // cost 2.50 -> 5.50/3; seconds 250 -> 550/3 (faster: positive); quality 0.8 both; tokens 8500/3 -> 6500/3;
        // confidence 3/13 divided by 1 + the coefficient of variation of [2, 1.5, 2], [200, 150, 200],
        // [0.8, 0.7, 0.9] and [2000, 1500, 3000]
        assertEquals(new ImpactAnalysis(
                new Metric(2.5, 1.8333, -26.7, 0.20),
                new Metric(250.0, 183.3, 26.7, 0.20),
                new Metric(0.8, 0.8, 0.0, 0.21),
                new Metric(2833.0, 2167.0, -23.5, 0.18)), estimate.analysis());
        assertEquals(3, estimate.tasks());
        assertEquals(2, estimate.belowGate(), "A (cut at 0.8) and B");
        assertEquals(1, estimate.cutByCeiling(), "A");
    }

    @Test
    void a_task_context_sets_the_level_the_historys_change_applies_to() {
        // complexity 6 against 8/3 recorded iterations on average scales cost and tokens by 2.25; the duration
        // given takes the place of 250 s; quality moves from the 0.99 given by the history's +0.0333, up to 1
        ImpactModel.Estimate estimate = ImpactModel.estimate(HISTORY, DEFAULTS, config(0.95, 10, 100),
                new ImpactModel.Context(6.0, 500.0, 0.99));

        ImpactAnalysis analysis = estimate.analysis();
        assertEquals(List.of(5.625, 26.25, 366.7), figures(analysis.cost()));
        assertEquals(List.of(500.0, 2333.3, -366.7), figures(analysis.speed()));
        assertEquals(List.of(0.99, 1.0, 1.0), figures(analysis.quality()));
        assertEquals(List.of(6375.0, 33750.0, 429.4), figures(analysis.tokens()));
        assertEquals(3, estimate.belowGate(), "none reaches 0.95");
        assertEquals(0, estimate.cutByCeiling());
    }

    @Test
    void without_history_the_prediction_is_the_current_value_given_with_no_confidence() {
        ImpactModel.Estimate estimate = ImpactModel.estimate(List.of(), DEFAULTS, STRICT_AND_CHEAP,
                new ImpactModel.Context(10.0, 450.0, 0.87));

        assertEquals(new ImpactAnalysis(new Metric(0, 0, 0, 0), new Metric(450, 450, 0, 0),
                new Metric(0.87, 0.87, 0, 0), new Metric(0, 0, 0, 0)), estimate.analysis());
        assertEquals(new ImpactAdvice.Advice(List.of(), List.of("No task history to estimate from (no finished "
                + "tasks in the last 90 days): the predictions are the current values")),
                ImpactAdvice.of(estimate, STRICT_AND_CHEAP));
    }

    @Test
    void advice_names_each_change_past_its_threshold_and_tasks_stopped_short() {
        ImpactAdvice.Advice advice = ImpactAdvice.of(ImpactModel.estimate(HISTORY, DEFAULTS, STRICT_AND_CHEAP,
                ImpactModel.Context.NONE), STRICT_AND_CHEAP);
        ImpactAdvice.Advice reverse = ImpactAdvice.of(ImpactModel.estimate(HISTORY, DEFAULTS, config(0.95, 10, 100),
                ImpactModel.Context.NONE), config(0.95, 10, 100));

        assertEquals(List.of("Excellent cost optimization: 27% reduction predicted",
                "Speed improvement of 27% predicted", "Token reduction of 24% predicted"), advice.recommendations());
        assertEquals(List.of("2 of 3 tasks would stop below the quality gate of 0.85 (max_iterations 3, "
                        + "cost_ceiling 2.50 USD)", "The cost ceiling of 2.50 USD would cut 1 of 3 tasks short",
                "Only 3 tasks to estimate from: the estimate is rough"), advice.warnings());
        assertEquals(List.of("Quality improvement of 4% predicted"), reverse.recommendations());
        assertEquals(List.of("Cost increase of 367% predicted", "Tasks predicted to take 367% longer",
                "Token use increase of 429% predicted", "3 of 3 tasks would stop below the quality gate of 0.95 "
                        + "(max_iterations 10, cost_ceiling 100.00 USD)",
                "Only 3 tasks to estimate from: the estimate is rough"), reverse.warnings());
    }

    @Test
    void a_quality_drop_is_a_warning_with_both_levels() {
        ImpactAdvice.Advice advice = ImpactAdvice.of(ImpactModel.estimate(HISTORY, config(0.95, 10, 100), DEFAULTS,
                ImpactModel.Context.NONE), DEFAULTS);

        // 0.8333 -> 0.8: -4%
        assertEquals(List.of("Excellent cost optimization: 79% reduction predicted",
                "Speed improvement of 79% predicted", "Token reduction of 81% predicted"), advice.recommendations());
        assertEquals(List.of("Quality drops by 4% predicted: from 0.833 to 0.800",
                "Only 3 tasks to estimate from: the estimate is rough"), advice.warnings());
    }

    private static List<Double> figures(Metric metric) {
        return Arrays.asList(metric.current(), metric.predicted(), metric.changePercent());
    }
}
