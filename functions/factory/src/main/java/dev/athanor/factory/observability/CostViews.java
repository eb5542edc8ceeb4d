package dev.athanor.factory.observability;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;

import java.math.BigDecimal;
import java.util.List;

/** The bodies of the cost endpoints, in the seed's field names. Amounts are US dollars. */
public final class CostViews {

    private CostViews() {
    }

    /** {@code GET /api/costs/summary}; {@code top_agent} is null while the team has no call made by an agent. */
    @Serdeable
    public record Summary(@JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
                          @JsonProperty("total_calls") long totalCalls,
                          @JsonProperty("avg_cost_per_call") BigDecimal avgCostPerCall,
                          @JsonProperty("top_agent") String topAgent) {
    }

    /** A line of {@code GET /api/costs/by-agent}; {@code agent} is null for calls made outside any agent. */
    @Serdeable
    public record AgentCost(String agent,
                            @JsonProperty("cost_usd") BigDecimal costUsd,
                            long calls,
                            @JsonProperty("tokens_in") long tokensIn,
                            @JsonProperty("tokens_out") long tokensOut) {
    }

    /** A line of {@code GET /api/costs/by-job}; {@code job_slug} is null for calls made outside any job. */
    @Serdeable
    public record JobCost(@JsonProperty("job_slug") String jobSlug,
                          @JsonProperty("cost_usd") BigDecimal costUsd,
                          long calls) {
    }

    /** A line of {@code GET /api/costs/daily}: one UTC day ({@code YYYY-MM-DD}). */
    @Serdeable
    public record DailyCost(String date, @JsonProperty("cost_usd") BigDecimal costUsd, long calls) {
    }

    /** {@code GET /api/costs}: the totals with the breakdowns by task (job) and by agent. */
    @Serdeable
    public record Breakdown(@JsonProperty("total_cost_usd") BigDecimal totalCostUsd,
                            @JsonProperty("total_tokens") long totalTokens,
                            @JsonProperty("total_calls") long totalCalls,
                            @JsonProperty("by_task") List<JobCost> byTask,
                            @JsonProperty("by_agent") List<AgentCost> byAgent) {
    }
}
