package dev.athanor.factory.observability;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.core.llm.ProviderDescription;
import dev.athanor.factory.agents.TeamAgentSource;
import dev.athanor.factory.jobs.FactoryJobs;
import dev.athanor.factory.jobs.JobView;
import dev.athanor.factory.projects.ProjectService;
import dev.athanor.factory.projects.ProjectSummary;
import dev.athanor.model.TeamId;
import dev.athanor.model.agents.AgentConfig;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/kpis}: the dashboard's figures. {@code success_rate} is the share of the team's finished jobs that
 * completed (failed and cancelled ones count against it), in percent with one decimal, 0 before any job finished;
 * {@code active_models} the distinct models the team's agents use; {@code active_providers} the providers its calls
 * can use now.
 */
@Requires(beans = {ProjectService.class, FactoryJobs.class})
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Observability")
public class KpiController {

    @Serdeable
    record Kpis(@JsonProperty("total_projects") int totalProjects,
                @JsonProperty("status_breakdown") Map<String, Integer> statusBreakdown,
                @JsonProperty("success_rate") BigDecimal successRate,
                @JsonProperty("total_cost") BigDecimal totalCost,
                @JsonProperty("active_models") long activeModels,
                @JsonProperty("active_providers") long activeProviders,
                @JsonProperty("total_jobs") int totalJobs) {
    }

    private final ProjectService projects;
    private final FactoryJobs jobs;
    private final FactoryCosts costs;
    private final TeamAgentSource agents;
    private final ProviderCatalog providers;

    KpiController(ProjectService projects, FactoryJobs jobs, FactoryCosts costs, TeamAgentSource agents,
                  ProviderCatalog providers) {
        this.projects = projects;
        this.jobs = jobs;
        this.costs = costs;
        this.agents = agents;
        this.providers = providers;
    }

    @Get("/kpis")
    @Operation(summary = "Dashboard KPIs")
    Kpis kpis(Authentication auth) {
        TeamId team = TeamPrincipal.of(auth).team();
        ProjectSummary summary = projects.summary(team);
        List<JobView> all = jobs.all(team);
        long completed = all.stream().filter(j -> j.status().equals("completed")).count();
        long finished = all.stream().filter(JobView::ended).count();
        BigDecimal successRate = finished == 0 ? BigDecimal.ZERO.setScale(1)
                : BigDecimal.valueOf(completed * 100).divide(BigDecimal.valueOf(finished), 1, RoundingMode.HALF_UP);
        long models = agents.all(team).stream().map(AgentConfig::model).distinct().count();
        long usable = providers.describe(team).stream().filter(ProviderDescription::configured).count();
        return new Kpis(summary.total(), summary.statusBreakdown(), successRate,
                costs.summary(team).totalCostUsd(), models, usable, all.size());
    }
}
