package dev.athanor.gateway.providers;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.llm.CircuitBreakers;
import dev.athanor.core.llm.ProviderCatalog;
import dev.athanor.model.TeamId;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ProviderHealth;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.inject.Named;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /providers/health}: probes each of the team's providers at once (in parallel, each bounded by its own
 * timeouts) and reports whether it answered and how fast, plus the state of its circuit breaker.
 */
@Controller
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Health")
public class ProviderHealthController {

    @Serdeable
    record Probe(String name, boolean ok, @JsonProperty("latency_ms") long latencyMs, String url, String error,
                 String circuit) {
    }

    @Serdeable
    record Report(String status, @JsonProperty("took_ms") long tookMs, Map<String, Probe> providers) {
    }

    private static final long PROBE_DEADLINE_SECONDS = 15;

    private final ProviderCatalog catalog;
    private final CircuitBreakers breakers;
    private final ExecutorService executor;

    ProviderHealthController(ProviderCatalog catalog, CircuitBreakers breakers,
                             @Named(TaskExecutors.BLOCKING) ExecutorService executor) {
        this.catalog = catalog;
        this.breakers = breakers;
        this.executor = executor;
    }

    @Get("/providers/health")
    @Operation(summary = "Probe each of the team's providers: answer, latency and circuit breaker state")
    Report health(Authentication authentication) {
        TeamId team = TeamPrincipal.of(authentication).team();
        long start = System.nanoTime();
        List<LlmProvider> providers = catalog.providers(team);
        List<CompletableFuture<ProviderHealth>> probes = new ArrayList<>();
        for (LlmProvider provider : providers) {
            probes.add(CompletableFuture.supplyAsync(provider::health, executor)
                    .completeOnTimeout(ProviderHealth.failed(PROBE_DEADLINE_SECONDS * 1000, "no answer in time"),
                            PROBE_DEADLINE_SECONDS, TimeUnit.SECONDS));
        }
        Map<String, Probe> report = new LinkedHashMap<>();
        boolean allOk = true;
        for (int i = 0; i < providers.size(); i++) {
            LlmProvider provider = providers.get(i);
            ProviderHealth health = probes.get(i).join();
            allOk &= health.ok();
            report.put(provider.id(), new Probe(provider.id(), health.ok(), health.latencyMs(), null, health.error(),
                    breakers.state(team, provider.id()).state().wireName()));
        }
        return new Report(allOk ? "ok" : "degraded", (System.nanoTime() - start) / 1_000_000, report);
    }
}
