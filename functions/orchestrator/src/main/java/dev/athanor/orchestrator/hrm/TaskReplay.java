package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One finished task's recorded run, replayed under an HRM config: the quality its judge gave each iteration, and
 * what an iteration cost it on average. The replay stops at the first iteration whose quality reaches the config's
 * gate, else at its {@code max_iterations}, and earlier when the cost ceiling would be passed. Quality after the
 * recorded iterations is unknown and taken to stay at the last one recorded.
 *
 * @param qualities  the quality of each iteration of the task's last run; a missing score repeats the one before
 *                   (0 for the first)
 * @param costPer    USD an iteration cost, on average over the run
 * @param tokensPer  tokens an iteration used, on average
 * @param secondsPer seconds an iteration took, on average
 */
record TaskReplay(List<Double> qualities, double costPer, double tokensPer, double secondsPer) {

    /**
     * What a task would have done under a config.
     *
     * @param iterations     how many iterations it would run
     * @param reachedGate    whether its last iteration's quality reaches the gate
     * @param cutByCeiling   whether the cost ceiling stopped it before the gate or {@code max_iterations} would
     */
    record Outcome(int iterations, double quality, double cost, double tokens, double seconds, boolean reachedGate,
                   boolean cutByCeiling) {
    }

    /** Against the rounding of a ceiling that is an exact multiple of the cost of an iteration. */
    private static final double EPSILON = 1e-9;

    TaskReplay {
        qualities = List.copyOf(qualities);
        if (qualities.isEmpty()) {
            throw new IllegalArgumentException("A replay needs at least one iteration");
        }
    }

    /** The task's last run, when it is finished and that run has iterations; a retry is judged by its own run. */
    static Optional<TaskReplay> of(OrchestratorTask task) {
        if (task.status() == null || !task.status().finished()) {
            return Optional.empty();
        }
        int lastRun = task.iterations().stream().mapToInt(TaskIteration::run).max().orElse(0);
        List<TaskIteration> run = task.iterationsOf(lastRun);
        if (run.isEmpty()) {
            return Optional.empty();
        }
        List<Double> qualities = new ArrayList<>();
        double previous = 0;
        double cost = 0;
        double tokens = 0;
        double seconds = 0;
        for (TaskIteration iteration : run) {
            previous = iteration.quality() == null ? previous : iteration.quality();
            qualities.add(previous);
            cost += iteration.cost();
            tokens += iteration.tokens();
            seconds += iteration.durationSeconds();
        }
        int n = run.size();
        return Optional.of(new TaskReplay(qualities, cost / n, tokens / n, seconds / n));
    }

    /** The quality of iteration {@code i} (from 1); past the recorded ones, the last recorded. */
    double qualityAt(int i) {
        return qualities.get(Math.min(i, qualities.size()) - 1);
    }

    Outcome under(HrmConfig config) {
        double gate = config.deepSupervision().qualityGateThreshold();
        int max = config.mlIterationPrediction().maxIterations();
        int stop = max;
        for (int i = 1; i <= max; i++) {
            if (qualityAt(i) >= gate) {
                stop = i;
                break;
            }
        }
        // the ceiling is checked after an iteration is paid for, so the first one always runs
        double ceiling = config.agentSwitching().costCeiling();
        int affordable = costPer <= 0 ? Integer.MAX_VALUE : Math.max(1, (int) Math.floor(ceiling / costPer + EPSILON));
        boolean cut = affordable < stop;
        int iterations = Math.min(stop, affordable);
        double quality = qualityAt(iterations);
        return new Outcome(iterations, quality, iterations * costPer, iterations * tokensPer,
                iterations * secondsPer, quality >= gate, cut);
    }

    /** How many iterations the recorded run had. */
    int recorded() {
        return qualities.size();
    }
}
