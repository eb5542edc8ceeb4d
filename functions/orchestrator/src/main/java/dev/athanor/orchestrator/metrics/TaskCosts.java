package dev.athanor.orchestrator.metrics;

import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.CostDay;
import dev.athanor.orchestrator.metrics.MetricsViews.CostReport;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cost report: what the iterations that finished within the period (of the tasks created in it; each iteration
 * keeps its agent's and judge's cost and tokens) cost, by UTC day, agent and model; {@code tasks} counts the tasks
 * with such an iteration. {@code monthly_projection} is the mean daily cost from
 * the first day with a cost to today, times 30 (zero without costs).
 */
final class TaskCosts {

    static final int MONTH_DAYS = 30;

    private TaskCosts() {
    }

    static CostReport of(List<OrchestratorTask> tasks, String projectId, Period period, DayRange range) {
        Map<LocalDate, double[]> byDay = new TreeMap<>();
        Map<String, BigDecimal> byAgent = new HashMap<>();
        Map<String, BigDecimal> byModel = new TreeMap<>();
        BigDecimal total = BigDecimal.ZERO;
        long tokens = 0;
        int iterations = 0;
        int costedTasks = 0;
        for (OrchestratorTask task : tasks) {
            boolean counted = false;
            for (TaskIteration iteration : task.iterations()) {
                LocalDate day = iteration.finishedAt() == null ? null : Figures.utcDay(iteration.finishedAt());
                if (day == null || !range.contains(day)) {
                    continue;
                }
                counted = true;
                BigDecimal cost = BigDecimal.valueOf(iteration.cost());
                total = total.add(cost);
                tokens += iteration.tokens();
                iterations++;
                double[] sums = byDay.computeIfAbsent(day, d -> new double[3]);
                sums[0] += iteration.cost();
                sums[1] += iteration.tokens();
                sums[2]++;
                if (iteration.agent() != null) {
                    byAgent.merge(iteration.agent(), cost, BigDecimal::add);
                }
                if (iteration.model() != null) {
                    byModel.merge(iteration.model(), cost, BigDecimal::add);
                }
            }
            costedTasks += counted ? 1 : 0;
        }
        List<CostDay> daily = new ArrayList<>(range.days());
        LocalDate firstCost = null;
        for (LocalDate day = range.first(); !day.isAfter(range.last()); day = day.plusDays(1)) {
            double[] sums = byDay.getOrDefault(day, new double[3]);
            if (firstCost == null && sums[0] > 0) {
                firstCost = day;
            }
            daily.add(new CostDay(Figures.midnight(day), Figures.money(sums[0]), (long) sums[1], (int) sums[2]));
        }
        Map<String, Double> models = new LinkedHashMap<>();
        byModel.forEach((model, cost) -> models.put(model, Figures.money(cost)));
        return new CostReport(projectId, period.wireName(), Figures.midnight(range.first()),
                Figures.midnight(range.last()), Figures.money(total), tokens, costedTasks, iterations,
                Figures.money(Figures.average(total.doubleValue(), costedTasks)), AgentTypes.amounts(byAgent), models,
                daily, Figures.money(projection(total, firstCost, range.last())));
    }

    /** The mean daily cost from {@code firstCost} through {@code today}, times {@value #MONTH_DAYS}. */
    static BigDecimal projection(BigDecimal cost, LocalDate firstCost, LocalDate today) {
        if (firstCost == null) {
            return BigDecimal.ZERO;
        }
        long days = java.time.temporal.ChronoUnit.DAYS.between(firstCost, today) + 1;
        return cost.multiply(BigDecimal.valueOf(MONTH_DAYS)).divide(BigDecimal.valueOf(days), 6,
                java.math.RoundingMode.HALF_UP);
    }
}
