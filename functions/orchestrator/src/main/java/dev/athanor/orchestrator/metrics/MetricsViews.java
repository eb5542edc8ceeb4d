package dev.athanor.orchestrator.metrics;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.serde.config.naming.SnakeCaseStrategy;

import java.util.List;
import java.util.Map;

/** The bodies of the metrics reports. Amounts are USD; dates are ISO-8601 UTC midnights. */
final class MetricsViews {

    private MetricsViews() {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record Dashboard(int totalProjects, int activeTasks, int completedToday, double totalCostToday,
                     DashboardPerformance performance, DashboardCost cost) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record DashboardPerformance(double avgTimePerTask, double avgIterations, double avgQuality, double successRate,
                                double tokenReductionPercent, double speedImprovementFactor,
                                double costSavingsPercent) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record DashboardCost(double totalCost, Map<String, Double> costByAgent, double avgCostPerTask,
                         double monthlyProjection, double savingsVsAllClaude) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record QualityDay(String date, double overallQuality, double testCoverage, double securityScore, int tasks) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record CostReport(@Nullable String projectId, String period, String startDate, String endDate, double totalCost,
                      long totalTokens, int tasks, int iterations, double avgCostPerTask,
                      Map<String, Double> costByAgent, Map<String, Double> costByModel, List<CostDay> daily,
                      double monthlyProjection) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record CostDay(String date, double cost, long tokens, int iterations) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record AgentView(String agent, int totalTasks, double successRate, double avgQuality, double avgCost,
                     double avgTime, int iterations) {
    }

    @Serdeable(naming = SnakeCaseStrategy.class)
    record PerformanceReport(@Nullable String projectId, int totalTasks, int activeTasks, int completedTasks,
                             int failedTasks, double avgTimePerTask, double avgIterations, double avgQuality,
                             double successRate, double avgAgentSwitches, double testsPassingRate,
                             double tokenReductionPercent, double speedImprovementFactor) {

        static PerformanceReport of(@Nullable String projectId, TaskPerformance p) {
            return new PerformanceReport(projectId, p.total(), p.active(), p.completed(), p.failed(),
                    p.avgTimePerTask(), p.avgIterations(), p.avgQuality(), p.successRate(), p.avgAgentSwitches(),
                    p.testsPassingRate(), p.tokenReductionPercent(), p.speedImprovementFactor());
        }
    }
}
