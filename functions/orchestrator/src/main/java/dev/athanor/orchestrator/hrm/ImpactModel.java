package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.orchestrator.hrm.SimulationView.ImpactAnalysis;
import dev.athanor.orchestrator.hrm.SimulationView.Metric;
import io.micronaut.core.annotation.Nullable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The estimate of an HRM config change from the team's task history: every task replayed under the current and
 * under the proposed config ({@link TaskReplay}), averaged. The history gives the relative change; a task context,
 * when given, sets the level it applies to.
 */
final class ImpactModel {

    /** The history size at which confidence reaches one half (before the spread lowers it). */
    static final int HALF_CONFIDENCE_TASKS = 10;

    private ImpactModel() {
    }

    /**
     * The task the caller has in mind; any may be null.
     *
     * @param complexity        how many iterations it is expected to need
     * @param estimatedDuration seconds it is expected to take now
     * @param currentQuality    the quality it reaches now
     */
    record Context(@Nullable Double complexity, @Nullable Double estimatedDuration, @Nullable Double currentQuality) {

        static final Context NONE = new Context(null, null, null);
    }

    /**
     * @param tasks        how many tasks the history has
     * @param belowGate    how many of them would finish below the proposed gate
     * @param cutByCeiling how many the proposed cost ceiling would stop early
     */
    record Estimate(ImpactAnalysis analysis, int tasks, int belowGate, int cutByCeiling) {
    }

    static Estimate estimate(List<TaskReplay> history, HrmConfig current, HrmConfig proposed, Context context) {
        if (history.isEmpty()) {
            return new Estimate(new ImpactAnalysis(unchanged(0, 4), unchanged(or(context.estimatedDuration()), 1),
                    unchanged(or(context.currentQuality()), 3), unchanged(0, 0)), 0, 0, 0);
        }
        List<TaskReplay.Outcome> now = history.stream().map(t -> t.under(current)).toList();
        List<TaskReplay.Outcome> next = history.stream().map(t -> t.under(proposed)).toList();
        double share = (double) history.size() / (history.size() + HALF_CONFIDENCE_TASKS);
        double scale = context.complexity() == null ? 1
                : context.complexity() / history.stream().mapToDouble(TaskReplay::recorded).average().orElse(1);

        Metric cost = metric(scale * mean(now, TaskReplay.Outcome::cost), scale * mean(next, TaskReplay.Outcome::cost),
                1, confidence(share, next, TaskReplay.Outcome::cost), 4);
        Metric tokens = metric(scale * mean(now, TaskReplay.Outcome::tokens),
                scale * mean(next, TaskReplay.Outcome::tokens), 1, confidence(share, next, TaskReplay.Outcome::tokens),
                0);

        double seconds = mean(now, TaskReplay.Outcome::seconds);
        double predictedSeconds = mean(next, TaskReplay.Outcome::seconds);
        if (context.estimatedDuration() != null) {
            double given = context.estimatedDuration();
            predictedSeconds = seconds == 0 ? given : given * predictedSeconds / seconds;
            seconds = given;
        } else {
            seconds *= scale;
            predictedSeconds *= scale;
        }
        // faster is better: the document counts a shorter time as a positive change of speed
        Metric speed = metric(seconds, predictedSeconds, -1, confidence(share, next, TaskReplay.Outcome::seconds), 1);

        double quality = mean(now, TaskReplay.Outcome::quality);
        double predictedQuality = mean(next, TaskReplay.Outcome::quality);
        if (context.currentQuality() != null) {
            // quality is bounded: the history's change is added to the given level rather than scaled
            predictedQuality = Math.max(0, Math.min(1, context.currentQuality() + predictedQuality - quality));
            quality = context.currentQuality();
        }
        Metric qualityMetric = metric(quality, predictedQuality, 1,
                confidence(share, next, TaskReplay.Outcome::quality), 3);

        int belowGate = (int) next.stream().filter(o -> !o.reachedGate()).count();
        int cut = (int) next.stream().filter(TaskReplay.Outcome::cutByCeiling).count();
        return new Estimate(new ImpactAnalysis(cost, speed, qualityMetric, tokens), history.size(), belowGate, cut);
    }

    /** (predicted - current) / current in percent, times {@code sign}; 0 when current is 0. */
    static double changePercent(double current, double predicted, int sign) {
        return current == 0 ? 0 : round(sign * (predicted - current) / current * 100, 1);
    }

    /**
     * {@code share} (n / (n + 10) for n tasks) lowered by the spread of the per-task figures: divided by one plus
     * their coefficient of variation (standard deviation over mean).
     */
    static double confidence(double share, List<TaskReplay.Outcome> outcomes, ToDoubleFunction<TaskReplay.Outcome> f) {
        double mean = mean(outcomes, f);
        double variance = outcomes.stream().mapToDouble(o -> Math.pow(f.applyAsDouble(o) - mean, 2)).average()
                .orElse(0);
        double spread = mean == 0 ? 0 : Math.sqrt(variance) / Math.abs(mean);
        return round(share / (1 + spread), 2);
    }

    static double round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }

    private static Metric metric(double current, double predicted, int sign, double confidence, int places) {
        return new Metric(round(current, places), round(predicted, places), changePercent(current, predicted, sign),
                confidence);
    }

    private static Metric unchanged(double value, int places) {
        return new Metric(round(value, places), round(value, places), 0, 0);
    }

    private static double mean(List<TaskReplay.Outcome> outcomes, ToDoubleFunction<TaskReplay.Outcome> f) {
        return outcomes.stream().mapToDouble(f).average().orElse(0);
    }

    private static double or(@Nullable Double value) {
        return value == null ? 0 : value;
    }
}
