package dev.athanor.orchestrator.health;

import dev.athanor.core.health.Readiness;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/health} and {@code GET /api/orchestration/health}. The seed's {@code redis} field is reported as
 * {@code not_used}: work and events travel through SQS here, and {@code queue} says so.
 */
@Controller("/api")
@Secured(SecurityRule.IS_ANONYMOUS)
public class OrchestratorHealthController {

    private final Readiness readiness;

    OrchestratorHealthController(Readiness readiness) {
        this.readiness = readiness;
    }

    @Get("/health")
    @Tag(name = "Health & System")
    @Operation(summary = "System health: database and queue")
    HttpResponse<Map<String, Object>> health() {
        Optional<String> problem = readiness.problem();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problem.isEmpty() ? "healthy" : "unhealthy");
        body.put("database", !readiness.hasDatabase() ? "not_configured" : problem.isEmpty() ? "connected" : "disconnected");
        body.put("redis", "not_used");
        body.put("queue", "sqs");
        body.put("timestamp", Instant.now().toString());
        problem.ifPresent(p -> body.put("error", p));
        return HttpResponse.status(problem.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }

    @Get("/orchestration/health")
    @Tag(name = "Orchestration")
    @Operation(summary = "Orchestrator health")
    Map<String, Object> orchestrationHealth() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("orchestrator", "initialized");
        body.put("timestamp", Instant.now().toString());
        return body;
    }
}
