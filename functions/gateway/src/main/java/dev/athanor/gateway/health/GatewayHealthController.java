package dev.athanor.gateway.health;

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

/** {@code GET /health}: liveness with version and uptime, as the gateway seed documents it. */
@Controller
@Secured(SecurityRule.IS_ANONYMOUS)
@Tag(name = "Health")
public class GatewayHealthController {

    private final Readiness readiness;
    private final ServiceInfo info;

    GatewayHealthController(Readiness readiness, ServiceInfo info) {
        this.readiness = readiness;
        this.info = info;
    }

    @Get("/health")
    @Operation(summary = "Liveness, with version and uptime")
    Map<String, Object> health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", info.version());
        body.put("uptime_sec", readiness.uptime().toMillis() / 1000.0);
        return body;
    }
}
