package dev.athanor.orchestrator.metrics;

import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.AgentView;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per agent type, from the iterations it produced that finished within the period. A task counts for every agent
 * that produced one of those (an agent switch shares it):
 * <ul>
 * <li>{@code total_tasks}: tasks it worked on;</li>
 * <li>{@code success_rate}: of those that finished, the share completed;</li>
 * <li>{@code avg_quality}: the mean judge score of its scored iterations;</li>
 * <li>{@code avg_cost}, {@code avg_time}: the cost (USD) and seconds of its iterations, per task it worked on.</li>
 * </ul>
 */
final class AgentFigures {

    private AgentFigures() {
    }

    static List<AgentView> of(List<OrchestratorTask> tasks, DayRange range) {
        Map<String, Tally> byAgent = new HashMap<>();
        for (OrchestratorTask task : tasks) {
            Set<String> agents = new LinkedHashSet<>();
            for (TaskIteration iteration : task.iterations()) {
                if (iteration.agent() == null || iteration.finishedAt() == null
                        || !range.contains(Figures.utcDay(iteration.finishedAt()))) {
                    continue;
                }
                agents.add(iteration.agent());
                Tally tally = byAgent.computeIfAbsent(iteration.agent(), agent -> new Tally());
                tally.iterations++;
                tally.cost += iteration.cost();
                tally.seconds += iteration.durationSeconds();
                if (iteration.quality() != null) {
                    tally.quality += iteration.quality();
                    tally.scored++;
                }
            }
            for (String agent : agents) {
                Tally tally = byAgent.get(agent);
                tally.tasks++;
                tally.finished += task.status() == TaskStatus.COMPLETED || task.status() == TaskStatus.FAILED ? 1 : 0;
                tally.completed += task.status() == TaskStatus.COMPLETED ? 1 : 0;
            }
        }
        return AgentTypes.listed(byAgent.keySet()).stream()
                .map(agent -> byAgent.getOrDefault(agent, new Tally()).view(agent))
                .toList();
    }

    private static final class Tally {
        int tasks;
        int finished;
        int completed;
        int iterations;
        int scored;
        double quality;
        double cost;
        double seconds;

        AgentView view(String agent) {
            return new AgentView(agent, tasks, Figures.ratio(Figures.average(completed, finished)),
                    Figures.ratio(Figures.average(quality, scored)), Figures.money(Figures.average(cost, tasks)),
                    Figures.ratio(Figures.average(seconds, tasks)), iterations);
        }
    }
}
