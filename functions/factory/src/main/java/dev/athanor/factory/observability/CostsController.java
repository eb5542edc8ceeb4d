package dev.athanor.factory.observability;

import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.http.QueryNumbers;
import dev.athanor.factory.observability.CostViews.AgentCost;
import dev.athanor.factory.observability.CostViews.Breakdown;
import dev.athanor.factory.observability.CostViews.DailyCost;
import dev.athanor.factory.observability.CostViews.JobCost;
import dev.athanor.factory.observability.CostViews.Summary;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** The cost of the caller's team's factory LLM calls, from the usage ledger. */
@Requires(beans = FactoryCosts.class)
@Controller("/api/costs")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Observability")
public class CostsController {

    static final int DEFAULT_DAYS = 7;
    static final int MAX_DAYS = 30;

    private final FactoryCosts costs;

    CostsController(FactoryCosts costs) {
        this.costs = costs;
    }

    @Get
    @Operation(summary = "Cost breakdown: totals, by task and by agent")
    Breakdown breakdown(Authentication authentication) {
        return costs.breakdown(TeamPrincipal.of(authentication).team());
    }

    @Get("/summary")
    @Operation(summary = "Cost summary")
    Summary summary(Authentication authentication) {
        return costs.summary(TeamPrincipal.of(authentication).team());
    }

    @Get("/by-agent")
    @Operation(summary = "Cost by agent")
    List<AgentCost> byAgent(Authentication authentication) {
        return costs.byAgent(TeamPrincipal.of(authentication).team());
    }

    @Get("/by-job")
    @Operation(summary = "Cost by job")
    List<JobCost> byJob(Authentication authentication) {
        return costs.byJob(TeamPrincipal.of(authentication).team());
    }

    @Get("/daily")
    @Operation(summary = "Cost per day")
    List<DailyCost> daily(Authentication authentication, @Nullable @QueryValue String days) {
        int count = QueryNumbers.between("days", days, DEFAULT_DAYS, 1, MAX_DAYS);
        return costs.daily(TeamPrincipal.of(authentication).team(), count);
    }
}
