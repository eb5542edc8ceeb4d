package dev.athanor.orchestrator.hrm;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.orchestrator.hrm.SimulationView.ImpactAnalysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Recommendations and warnings drawn from an estimate by fixed thresholds, so the same figures always give the same
 * advice: a change of cost, speed or tokens counts from 10%, of quality from 2%; a history under
 * {@link #FEW_TASKS} tasks is called rough.
 */
final class ImpactAdvice {

    static final double NOTABLE_PERCENT = 10;
    static final double NOTABLE_QUALITY_PERCENT = 2;
    static final double EXCELLENT_COST_PERCENT = 25;
    static final int FEW_TASKS = 5;

    private ImpactAdvice() {
    }

    record Advice(List<String> recommendations, List<String> warnings) {
    }

    static Advice of(ImpactModel.Estimate estimate, HrmConfig proposed) {
        List<String> recommendations = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        int n = estimate.tasks();
        if (n == 0) {
            warnings.add("No task history to estimate from (no finished tasks in the last "
                    + HrmImpacts.WINDOW.toDays() + " days): the predictions are the current values");
            return new Advice(recommendations, warnings);
        }
        ImpactAnalysis a = estimate.analysis();
        double cost = a.cost().changePercent();
        if (cost <= -EXCELLENT_COST_PERCENT) {
            recommendations.add("Excellent cost optimization: " + percent(cost) + " reduction predicted");
        } else if (cost <= -NOTABLE_PERCENT) {
            recommendations.add("Cost reduction of " + percent(cost) + " predicted");
        } else if (cost >= NOTABLE_PERCENT) {
            warnings.add("Cost increase of " + percent(cost) + " predicted");
        }
        double speed = a.speed().changePercent();
        if (speed >= NOTABLE_PERCENT) {
            recommendations.add("Speed improvement of " + percent(speed) + " predicted");
        } else if (speed <= -NOTABLE_PERCENT) {
            warnings.add("Tasks predicted to take " + percent(speed) + " longer");
        }
        double quality = a.quality().changePercent();
        if (quality >= NOTABLE_QUALITY_PERCENT) {
            recommendations.add("Quality improvement of " + percent(quality) + " predicted");
        } else if (quality <= -NOTABLE_QUALITY_PERCENT) {
            warnings.add("Quality drops by " + percent(quality) + " predicted: from "
                    + number(a.quality().current(), 3) + " to " + number(a.quality().predicted(), 3));
        }
        double tokens = a.tokens().changePercent();
        if (tokens <= -NOTABLE_PERCENT) {
            recommendations.add("Token reduction of " + percent(tokens) + " predicted");
        } else if (tokens >= NOTABLE_PERCENT) {
            warnings.add("Token use increase of " + percent(tokens) + " predicted");
        }
        if (estimate.belowGate() * 2 > n) {
            warnings.add(estimate.belowGate() + " of " + n + " tasks would stop below the quality gate of "
                    + number(proposed.deepSupervision().qualityGateThreshold(), 2) + " (max_iterations "
                    + proposed.mlIterationPrediction().maxIterations() + ", cost_ceiling "
                    + number(proposed.agentSwitching().costCeiling(), 2) + " USD)");
        }
        if (estimate.cutByCeiling() > 0) {
            warnings.add("The cost ceiling of " + number(proposed.agentSwitching().costCeiling(), 2)
                    + " USD would cut " + estimate.cutByCeiling() + " of " + n + " tasks short");
        }
        if (n < FEW_TASKS) {
            warnings.add("Only " + n + (n == 1 ? " task" : " tasks") + " to estimate from: the estimate is rough");
        }
        return new Advice(recommendations, warnings);
    }

    /** The size of a change, in whole percent. */
    private static String percent(double changePercent) {
        return Math.round(Math.abs(changePercent)) + "%";
    }

    private static String number(double value, int places) {
        return String.format(Locale.ROOT, "%." + places + "f", value);
    }
}
