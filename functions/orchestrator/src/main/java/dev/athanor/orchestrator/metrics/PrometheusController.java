package dev.athanor.orchestrator.metrics;

import dev.athanor.model.usage.UsageLedger;
import io.micronaut.context.annotation.Requires;
import dev.athanor.core.auth.TeamPrincipal;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/metrics}: Prometheus text. Open to scrapers without a token, which get this instance's process and
 * request metrics only; a caller with a token also gets its team's task and agent gauges ({@link TeamGauges}).
 */
// the usage ledger is in the API function alone; its worker, which starts every singleton, has none
@Requires(beans = UsageLedger.class)
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
public class PrometheusController {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final TeamGauges gauges;

    PrometheusController(PrometheusMeterRegistry registry, TeamGauges gauges) {
        this.registry = registry;
        this.gauges = gauges;
    }

    @Get(value = "/metrics", produces = CONTENT_TYPE)
    @Tag(name = "Health & System")
    @Operation(summary = "Prometheus metrics: process and requests; with a token also the team's tasks and agents")
    HttpResponse<String> scrape(@Nullable Authentication authentication) {
        String text = registry.scrape();
        if (authentication != null) {
            text = text + gauges.scrape(TeamPrincipal.of(authentication).team());
        }
        return HttpResponse.ok(text).contentType(CONTENT_TYPE);
    }
}
