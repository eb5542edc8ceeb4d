package dev.athanor.promptlab.health;

import dev.athanor.core.health.Readiness;
import dev.athanor.core.health.ServiceInfo;
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

/** {@code GET /api}: OpenShift-style health probe, 200 while the surface and its stores answer, 503 otherwise. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Health")
public class PromptLabHealthController {

    private final Readiness readiness;
    private final ServiceInfo info;

    PromptLabHealthController(Readiness readiness, ServiceInfo info) {
        this.readiness = readiness;
        this.info = info;
    }

    @Get("/api")
    @Operation(summary = "Health check: 200 while the prompt lab and its stores answer, 503 otherwise")
    HttpResponse<Map<String, Object>> health() {
        var problem = readiness.problem();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", problem.isEmpty() ? "healthy" : "unhealthy");
        body.put("service", "athanor-" + info.surface());
        body.put("version", info.version());
        body.put("timestamp", Instant.now().toString());
        body.put("uptime_sec", readiness.uptime().toMillis() / 1000.0);
        problem.ifPresent(p -> body.put("error", p));
        return HttpResponse.status(problem.isEmpty() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
