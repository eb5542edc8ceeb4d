package dev.athanor.orchestrator.metrics;

import dev.athanor.model.usage.UsageLedger;
import io.micronaut.context.annotation.Requires;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.metrics.MetricsParameters.DayRange;
import dev.athanor.orchestrator.metrics.MetricsViews.AgentView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One team's task and agent figures as Prometheus gauges. Tasks run in the worker, another process (and each Lambda
 * instance counts only its own requests), so these are not counters kept here: they are read from the task store
 * and the usage ledger when scraped, and cached for {@link #FRESH_FOR} so that frequent scrapes do not read the
 * stores each time. They are written into a registry of their own per scrape, never into the shared one, so one
 * team's figures never show to another.
 */
// the usage ledger is in the API function alone; its worker, which starts every singleton, has none
@Requires(beans = UsageLedger.class)
@Singleton
public class TeamGauges {

    static final Duration FRESH_FOR = Duration.ofSeconds(15);

    private final TaskStore tasks;
    private final OrchestratorSpend spend;
    private final Cache<TeamId, Snapshot> cache = Caffeine.newBuilder().expireAfterWrite(FRESH_FOR)
            .maximumSize(1_000).build();

    TeamGauges(TaskStore tasks, OrchestratorSpend spend) {
        this.tasks = tasks;
        this.spend = spend;
    }

    /** The team's gauges in the Prometheus text format. */
    String scrape(TeamId team) {
        Snapshot snapshot = cache.get(team, this::read);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try {
            snapshot.tasksByStatus().forEach((status, count) -> Gauge.builder("athanor.orchestrator.tasks",
                            () -> count).description("The team's tasks by status").tag("status", status.wireName())
                    .register(registry));
            for (AgentView agent : snapshot.agents()) {
                Gauge.builder("athanor.orchestrator.agent.iterations", agent::iterations)
                        .description("Iterations the agent produced for the team's tasks")
                        .tag("agent", agent.agent()).register(registry);
                Gauge.builder("athanor.orchestrator.agent.quality", agent::avgQuality)
                        .description("Mean judge score of the agent's iterations").tag("agent", agent.agent())
                        .register(registry);
            }
            snapshot.costByAgent().forEach((agent, cost) -> Gauge.builder("athanor.orchestrator.agent.cost.usd",
                            cost::doubleValue)
                    .description("What the team's calls through the agent cost (USD, all time)")
                    .tag("agent", agent).register(registry));
            return registry.scrape();
        } finally {
            registry.close();
        }
    }

    private Snapshot read(TeamId team) {
        List<OrchestratorTask> all = tasks.createdSince(team, null, Instant.EPOCH);
        Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
        for (TaskStatus status : TaskStatus.values()) {
            byStatus.put(status, all.stream().filter(t -> t.status() == status).count());
        }
        // every iteration ever: the range reaches from the first possible day to the last
        DayRange always = new DayRange(LocalDate.MIN, LocalDate.MAX);
        return new Snapshot(byStatus, AgentFigures.of(all, always), spend.of(team).byAgent());
    }

    private record Snapshot(Map<TaskStatus, Long> tasksByStatus, List<AgentView> agents,
                            Map<String, BigDecimal> costByAgent) {
    }
}
