package dev.athanor.orchestrator;

import dev.athanor.testkit.SurfaceHandlerContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

class OrchestratorHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "OrchestratorFunction";
    }

    @Override
    protected String healthPath() {
        return "/api/health";
    }

    @Override
    protected String healthField() {
        return "database";
    }

    @Test
    void both_health_bodies_carry_every_documented_key() {
        var system = http.send(request("GET", "/api/health"));
        var orchestration = http.send(request("GET", "/api/orchestration/health"));

        assertEquals(200, system.status(), system.body());
        assertEquals(List.of("status", "database", "redis", "queue", "timestamp"), List.copyOf(system.map().keySet()));
        assertEquals("not_used", system.get("redis"));
        assertEquals(200, orchestration.status(), orchestration.body());
        assertEquals(List.of("status", "orchestrator", "timestamp"), List.copyOf(orchestration.map().keySet()));
        assertEquals("initialized", orchestration.get("orchestrator"));
    }
}
