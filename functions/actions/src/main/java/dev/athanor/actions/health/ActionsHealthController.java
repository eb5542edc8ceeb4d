package dev.athanor.actions.health;

import dev.athanor.core.health.Readiness;
import dev.athanor.core.health.ServiceInfo;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/llm/health}, in the actions API's {@code {"status": "success", "data": ...}} envelope. */
@Controller("/api/v1/llm")
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Health")
public class ActionsHealthController {

    private final Readiness readiness;
    private final ServiceInfo info;

    ActionsHealthController(Readiness readiness, ServiceInfo info) {
        this.readiness = readiness;
        this.info = info;
    }

    @Get("/health")
    @Operation(summary = "Health, in the actions envelope")
    Map<String, Object> health() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "healthy");
        data.put("service", "athanor-" + info.surface());
        data.put("version", info.version());
        data.put("uptime_sec", readiness.uptime().toMillis() / 1000.0);
        return Map.of("status", "success", "data", data);
    }
}
