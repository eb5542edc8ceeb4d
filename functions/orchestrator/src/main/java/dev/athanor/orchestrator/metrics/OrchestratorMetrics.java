package dev.athanor.orchestrator.metrics;

import dev.athanor.model.usage.UsageLedger;
import io.micronaut.context.annotation.Requires;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.ProjectStore;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.AgentView;
import dev.athanor.orchestrator.metrics.MetricsViews.CostReport;
import dev.athanor.orchestrator.metrics.MetricsViews.Dashboard;
import dev.athanor.orchestrator.metrics.MetricsViews.DashboardCost;
import dev.athanor.orchestrator.metrics.MetricsViews.DashboardPerformance;
import dev.athanor.orchestrator.metrics.MetricsViews.PerformanceReport;
import dev.athanor.orchestrator.metrics.MetricsViews.QualityDay;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The metrics reports of one team. Outcomes (status, quality, time, iterations) come from the team's tasks; the
 * dashboard's money comes from the usage ledger (every metered call of the surface), the filterable cost and agent
 * reports' from the iterations the tasks keep, which belong to a project and a day.
 *
 * <p>A report over days counts what finished on those days. It reads the tasks created from
 * {@link #CREATED_BEFORE} before its first day on, so a task started before the range that finished in it counts.
 */
// the usage ledger is in the API function alone; its worker, which starts every singleton, has none
@Requires(beans = UsageLedger.class)
@Singleton
public class OrchestratorMetrics {

    /** How long before a report's first day a task counted in it may have been created. */
    static final Duration CREATED_BEFORE = Duration.ofDays(30);

    private final TaskStore tasks;
    private final ProjectStore projects;
    private final OrchestratorSpend spend;
    private final Clock clock;

    OrchestratorMetrics(TaskStore tasks, ProjectStore projects, OrchestratorSpend spend, Clock clock) {
        this.tasks = tasks;
        this.projects = projects;
        this.spend = spend;
        this.clock = clock;
    }

    LocalDate today() {
        return Figures.utcDay(clock.instant());
    }

    /** The team's figures, all time; {@code completed_today} and {@code total_cost_today} of the UTC day. */
    public Dashboard dashboard(TeamId team) {
        List<OrchestratorTask> all = tasks.createdSince(team, null, Instant.EPOCH);
        TaskPerformance performance = TaskPerformance.of(all);
        OrchestratorSpend.Spend money = spend.of(team);
        LocalDate today = today();
        int completedToday = (int) all.stream().filter(t -> t.status() == TaskStatus.COMPLETED
                && t.completedAt() != null && Figures.utcDay(t.completedAt()).equals(today)).count();
        long started = all.stream().filter(t -> t.startedAt() != null).count();
        return new Dashboard(projects.list(team).size(), performance.active(), completedToday,
                Figures.money(money.today()),
                new DashboardPerformance(performance.avgTimePerTask(), performance.avgIterations(),
                        performance.avgQuality(), performance.successRate(), performance.tokenReductionPercent(),
                        performance.speedImprovementFactor(), Figures.percent(money.savingsPercent())),
                new DashboardCost(Figures.money(money.total()), AgentTypes.amounts(money.byAgent()),
                        Figures.money(Figures.average(money.total().doubleValue(), started)),
                        Figures.money(money.monthlyProjection()), Figures.money(money.savings())));
    }

    List<QualityDay> quality(TeamId team, @Nullable String projectId, DayRange range) {
        return QualityDays.of(tasksFor(team, projectId, range), range);
    }

    CostReport cost(TeamId team, @Nullable String projectId, Period period) {
        DayRange range = DayRange.lastDays(period.days(), today());
        return TaskCosts.of(tasksFor(team, projectId, range), projectId, period, range);
    }

    List<AgentView> agents(TeamId team, @Nullable String projectId, Period period) {
        DayRange range = DayRange.lastDays(period.days(), today());
        return AgentFigures.of(tasksFor(team, projectId, range), range);
    }

    PerformanceReport performance(TeamId team, @Nullable String projectId) {
        return PerformanceReport.of(projectId, TaskPerformance.of(tasks.createdSince(team, projectId, Instant.EPOCH)));
    }

    private List<OrchestratorTask> tasksFor(TeamId team, @Nullable String projectId, DayRange range) {
        return tasks.createdSince(team, projectId,
                range.first().atStartOfDay(ZoneOffset.UTC).toInstant().minus(CREATED_BEFORE));
    }
}
