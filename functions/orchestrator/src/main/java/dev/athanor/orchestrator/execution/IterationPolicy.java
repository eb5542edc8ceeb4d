package dev.athanor.orchestrator.execution;

import dev.athanor.model.orchestrator.HrmConfig;
import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * What follows a judged iteration, from the HRM config the task runs with (read again at every iteration, so a config
 * applied to a running task steers its next decision):
 * <ul>
 *   <li>The task passes when its quality reaches {@code deep_supervision.quality_gate_threshold} (and, when it
 *       requires security, the judge found no security issue); in {@code fixed} iteration mode it runs all
 *       {@code max_iterations} and passes if the last one does.</li>
 *   <li>It stops, failed, at {@code ml_iteration_prediction.max_iterations}, or when what this run spent reaches
 *       {@code agent_switching.cost_ceiling} USD.</li>
 *   <li>Otherwise it iterates again, switching agent within {@code max_switches_per_task} switches: on a quality
 *       drop of more than {@code quality_drop_threshold} from the iteration before (every strategy but
 *       {@code manual}), or at every iteration with {@code round_robin}. The next agent is the first callable one
 *       after the current in the fallback order that this run has not used, else the first after it.</li>
 * </ul>
 */
final class IterationPolicy {

    enum Verdict { PASSED, CONTINUE, EXHAUSTED }

    /** The decision: the verdict, why, and the agent of the next iteration (a switch when it differs). */
    record Decision(Verdict verdict, String reason, String nextAgent, boolean switched) {
    }

    /**
     * @param iteration       the number of the iteration just judged, from 1
     * @param previousQuality the quality of the iteration before in this run, or null for the first
     * @param spent           USD this run has spent, this iteration included
     * @param switches        switches this task has made so far
     * @param agent           the agent that made this iteration
     * @param others          the other callable agents, in the fallback order
     * @param usedThisRun     agents this run has used
     */
    static Decision decide(HrmConfig config, int iteration, double quality, @Nullable Double previousQuality,
                           boolean requiresSecurity, int securityIssues, double spent, int switches, String agent,
                           List<String> others, List<String> usedThisRun) {
        double gate = config.deepSupervision().qualityGateThreshold();
        int max = config.mlIterationPrediction().maxIterations();
        boolean fixed = "fixed".equals(config.mlIterationPrediction().mode());
        boolean secure = !requiresSecurity || securityIssues == 0;
        boolean passes = quality >= gate && secure;
        if (passes && (!fixed || iteration >= max)) {
            return new Decision(Verdict.PASSED, String.format(Locale.ROOT, "quality %.2f reached the gate %.2f at "
                    + "iteration %d", quality, gate, iteration), agent, false);
        }
        if (iteration >= max) {
            return new Decision(Verdict.EXHAUSTED, String.format(Locale.ROOT, "quality %.2f %s after %d of %d "
                    + "iterations", quality, secure ? String.format(Locale.ROOT, "under the gate %.2f", gate)
                    : "with " + securityIssues + " security issue(s)", iteration, max), agent, false);
        }
        double ceiling = config.agentSwitching().costCeiling();
        if (spent >= ceiling) {
            return new Decision(Verdict.EXHAUSTED, String.format(Locale.ROOT, "the cost ceiling of $%.2f was reached "
                    + "($%.4f spent) at iteration %d with quality %.2f", ceiling, spent, iteration, quality), agent,
                    false);
        }
        String strategy = config.agentSwitching().strategy();
        int maxSwitches = config.agentSwitching().maxSwitchesPerTask();
        double drop = previousQuality == null ? 0 : previousQuality - quality;
        boolean wants = switch (strategy) {
            case "manual" -> false;
            case "round_robin" -> true;
            default -> previousQuality != null && drop > config.agentSwitching().qualityDropThreshold();
        };
        String next = next(agent, others, usedThisRun);
        if (wants && switches < maxSwitches && next != null) {
            String why = "round_robin".equals(strategy) ? "round robin"
                    : String.format(Locale.ROOT, "quality dropped from %.2f to %.2f", previousQuality, quality);
            return new Decision(Verdict.CONTINUE, "switched from " + agent + " to " + next + ": " + why, next, true);
        }
        return new Decision(Verdict.CONTINUE, String.format(Locale.ROOT, "quality %.2f under the gate %.2f",
                quality, gate), agent, false);
    }

    @Nullable
    private static String next(String agent, List<String> others, List<String> usedThisRun) {
        return others.stream().filter(a -> !a.equals(agent) && !usedThisRun.contains(a)).findFirst()
                .orElse(others.stream().filter(a -> !a.equals(agent)).findFirst().orElse(null));
    }
}
