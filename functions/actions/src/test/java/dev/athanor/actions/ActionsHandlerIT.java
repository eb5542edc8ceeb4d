package dev.athanor.actions;

import dev.athanor.testkit.SurfaceHandlerContract;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ActionsHandlerIT extends SurfaceHandlerContract {

    @Override
    protected String functionId() {
        return "ActionsFunction";
    }

    @Override
    protected String healthPath() {
        return "/api/v1/llm/health";
    }

    @Override
    protected String healthField() {
        return "data";
    }

    @Override
    protected String errorField() {
        return "error";
    }

    @Test
    void health_carries_every_key_in_the_success_envelope() {
        var health = http.send(request("GET", "/api/v1/llm/health"));

        assertEquals(200, health.status(), health.body());
        assertEquals(Set.of("status", "data"), health.map().keySet());
        assertEquals("success", health.get("status"));
        Map<?, ?> data = (Map<?, ?>) health.get("data");
        assertEquals(List.of("status", "service", "version", "uptime_sec"), List.copyOf(data.keySet()));
        assertEquals("healthy", data.get("status"));
    }
}
