package dev.athanor.orchestrator.metrics;

import dev.athanor.model.usage.UsageLedger;
import io.micronaut.context.annotation.Requires;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.AgentView;
import dev.athanor.orchestrator.metrics.MetricsViews.CostReport;
import dev.athanor.orchestrator.metrics.MetricsViews.Dashboard;
import dev.athanor.orchestrator.metrics.MetricsViews.PerformanceReport;
import dev.athanor.orchestrator.metrics.MetricsViews.QualityDay;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/**
 * The metrics reports of the caller's team. Query parameters are read as text, so a bad one is a 422 naming it; a
 * project id of another team, or of no project, matches no task.
 */
// the usage ledger is in the API function alone; its worker, which starts every singleton, has none
@Requires(beans = UsageLedger.class)
@Controller("/api/metrics")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Metrics")
public class MetricsController {

    private static final String PROJECT = "Only this project's tasks (a project id)";
    private static final String PERIOD = "The last 7d, 30d (default) or 90d, today included";

    private final OrchestratorMetrics metrics;

    MetricsController(OrchestratorMetrics metrics) {
        this.metrics = metrics;
    }

    @Get("/dashboard")
    @Operation(summary = "The team's dashboard: projects, active tasks, today's figures, performance and cost")
    Dashboard dashboard(Authentication authentication) {
        return metrics.dashboard(TeamPrincipal.of(authentication).team());
    }

    @Get("/quality")
    @Operation(summary = "Quality per UTC day of the tasks finished that day")
    List<QualityDay> quality(Authentication authentication,
            @Parameter(description = PROJECT) @Nullable @QueryValue("project_id") String projectId,
            @Parameter(description = "First UTC day, ISO-8601 (default: 29 days before end_date)")
            @Nullable @QueryValue("start_date") String startDate,
            @Parameter(description = "Last UTC day, ISO-8601 (default: today)")
            @Nullable @QueryValue("end_date") String endDate) {
        MetricsParameters parameters = new MetricsParameters();
        String project = parameters.projectId(projectId);
        DayRange range = parameters.range(startDate, endDate, metrics.today());
        parameters.check();
        return metrics.quality(TeamPrincipal.of(authentication).team(), project, range);
    }

    @Get("/cost")
    @Operation(summary = "What the tasks' iterations cost over a period: by day, agent and model")
    CostReport cost(Authentication authentication,
            @Parameter(description = PROJECT) @Nullable @QueryValue("project_id") String projectId,
            @Parameter(description = PERIOD) @Nullable @QueryValue String period) {
        MetricsParameters parameters = new MetricsParameters();
        String project = parameters.projectId(projectId);
        Period days = parameters.period(period);
        parameters.check();
        return metrics.cost(TeamPrincipal.of(authentication).team(), project, days);
    }

    @Get("/agents")
    @Operation(summary = "Per agent type: tasks worked on, success rate, quality, cost and time over a period")
    List<AgentView> agents(Authentication authentication,
            @Parameter(description = PROJECT) @Nullable @QueryValue("project_id") String projectId,
            @Parameter(description = PERIOD) @Nullable @QueryValue String period) {
        MetricsParameters parameters = new MetricsParameters();
        String project = parameters.projectId(projectId);
        Period days = parameters.period(period);
        parameters.check();
        return metrics.agents(TeamPrincipal.of(authentication).team(), project, days);
    }

    @Get("/performance")
    @Operation(summary = "What the tasks add up to: counts, time, iterations, quality and efficiency")
    PerformanceReport performance(Authentication authentication,
            @Parameter(description = PROJECT) @Nullable @QueryValue("project_id") String projectId) {
        MetricsParameters parameters = new MetricsParameters();
        String project = parameters.projectId(projectId);
        parameters.check();
        return metrics.performance(TeamPrincipal.of(authentication).team(), project);
    }
}
