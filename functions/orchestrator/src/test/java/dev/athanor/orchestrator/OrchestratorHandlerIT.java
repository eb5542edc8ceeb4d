package dev.athanor.orchestrator;

import dev.athanor.testkit.SurfaceHandlerContract;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
        assertEquals(List.of("status", "database", "redis", "dynamodb", "sqs", "timestamp", "error"),
                List.copyOf(system.map().keySet()));
        assertEquals("healthy", system.get("status"));
        assertEquals("connected", system.get("database"));
        assertEquals("not_used", system.get("redis"));
        assertEquals("connected", system.get("dynamodb"));
        assertEquals("connected", system.get("sqs"));
        assertNull(system.get("error"));
        assertEquals(200, orchestration.status(), orchestration.body());
        assertEquals(List.of("status", "orchestrator", "timestamp"), List.copyOf(orchestration.map().keySet()));
        assertEquals("initialized", orchestration.get("orchestrator"));
    }
}
