package dev.athanor.orchestrator.metrics;

import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;

import java.util.List;

/**
 * What a set of tasks adds up to. Averages and rates are over the finished tasks (completed or failed); with none,
 * every figure is zero.
 *
 * <p>The two efficiency figures compare what the tasks used with what they would have used had every run gone on to
 * its iteration budget ({@code max_iterations} per run) instead of stopping at the quality gate, at each task's own
 * mean per iteration. For a finished task with {@code n} iterations over {@code runs} runs, its budget is
 * {@code b = max(max_iterations * max(runs, 1), n)} iterations; then
 * <ul>
 * <li>{@code token_reduction_percent = (1 - sum(tokens) / sum(tokens * b / n)) * 100}</li>
 * <li>{@code speed_improvement_factor = sum(seconds * b / n) / sum(seconds)}, seconds being its iterations'</li>
 * </ul>
 * summed over the finished tasks that have iterations (zero when there are none, or no tokens or seconds).
 */
record TaskPerformance(int total, int active, int completed, int failed, double avgTimePerTask, double avgIterations,
                       double avgQuality, double successRate, double avgAgentSwitches, double testsPassingRate,
                       double tokenReductionPercent, double speedImprovementFactor) {

    static TaskPerformance of(List<OrchestratorTask> tasks) {
        int active = 0;
        int completed = 0;
        int failed = 0;
        double seconds = 0;
        int timed = 0;
        double quality = 0;
        int scored = 0;
        long iterations = 0;
        long switches = 0;
        int passing = 0;
        double tokensUsed = 0;
        double tokensBudget = 0;
        double secondsUsed = 0;
        double secondsBudget = 0;
        for (OrchestratorTask task : tasks) {
            if (task.status() == TaskStatus.PENDING || task.status() == TaskStatus.IN_PROGRESS) {
                active++;
                continue;
            }
            if (task.status() == TaskStatus.COMPLETED) {
                completed++;
            } else {
                failed++;
            }
            if (task.durationSeconds() != null) {
                seconds += task.durationSeconds();
                timed++;
            }
            if (task.finalQuality() != null) {
                quality += task.finalQuality();
                scored++;
            }
            iterations += task.iterations().size();
            switches += task.agentSwitches();
            passing += task.testsPassing() ? 1 : 0;
            int n = task.iterations().size();
            if (n > 0) {
                double budgetShare = (double) Math.max(task.maxIterations() * Math.max(task.runs(), 1), n) / n;
                long tokens = task.iterations().stream().mapToLong(TaskIteration::tokens).sum();
                double used = task.iterations().stream().mapToDouble(TaskIteration::durationSeconds).sum();
                tokensUsed += tokens;
                tokensBudget += tokens * budgetShare;
                secondsUsed += used;
                secondsBudget += used * budgetShare;
            }
        }
        int finished = completed + failed;
        return new TaskPerformance(tasks.size(), active, completed, failed,
                Figures.ratio(Figures.average(seconds, timed)),
                Figures.ratio(Figures.average(iterations, finished)),
                Figures.ratio(Figures.average(quality, scored)),
                Figures.ratio(Figures.average(completed, finished)),
                Figures.ratio(Figures.average(switches, finished)),
                Figures.ratio(Figures.average(passing, finished)),
                Figures.percent(tokensBudget == 0 ? 0 : (1 - tokensUsed / tokensBudget) * 100),
                Figures.percent(secondsUsed == 0 ? 0 : secondsBudget / secondsUsed));
    }
}
