package dev.athanor.orchestrator.projects;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the projects tests share: a team of their own, calls, the stored items and the error shape. */
final class ProjectsTesting {

    static final List<String> PROJECT_FIELDS = List.of("id", "name", "type", "status", "github_repo", "slot",
            "config", "total_tasks", "successful_tasks", "avg_quality", "total_cost", "created_at", "updated_at");

    /** The document's example configuration, which is also the default one (with no custom weights). */
    static final Map<String, Object> DEFAULT_CONFIG = Map.of(
            "priority", map("mode", "balanced", "custom_weights", null),
            "timeframe", Map.of("max_minutes", 30, "preset", "standard"),
            "risk_tolerance", Map.of("level", 50, "allow_experimental", false, "ml_features_enabled", true),
            "deployment", Map.of("targets", List.of("windows"), "docker_enabled", false, "kubernetes_enabled", false),
            "ml_components", Map.of("adaptive_iterations", true, "quality_weight_learning", true,
                    "latent_reasoning", true, "agent_switching", true, "inference_time_scaling", true));

    private ProjectsTesting() {
    }

    record Caller(String team, String bearer) {
    }

    static Caller newCaller(LambdaHttp http) {
        String team = "orch-" + UUID.randomUUID();
        return new Caller(team, http.context().getBean(TokenIssuer.class).issue(TeamId.of(team), Roles.MEMBER)
                .token());
    }

    static LambdaHttp.Response send(LambdaHttp http, Caller caller, String method, String path, String body) {
        var event = request(method, path).bearer(caller.bearer());
        return http.send(body == null ? event : event.json(body));
    }

    /** Creates a project with only a name; returns its id. */
    static String create(LambdaHttp http, Caller caller, String name) {
        var created = send(http, caller, "POST", "/api/projects", "{\"name\": \"" + name + "\"}");
        assertEquals(201, created.status(), created.body());
        return (String) created.get("id");
    }

    /** The {"detail": "..."} body of an error; returns the detail. */
    static String detail(LambdaHttp.Response response, int status) {
        assertEquals(status, response.status(), response.body());
        Map<String, Object> body = response.map();
        assertEquals(List.of("detail"), List.copyOf(body.keySet()), response.body());
        assertTrue(body.get("detail") instanceof String text && !text.isBlank(), response.body());
        return (String) body.get("detail");
    }

    /** The stored item, empty when there is none. */
    static Map<String, AttributeValue> stored(Caller caller, String id) {
        String table = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_ORCHESTRATOR_PROJECTS");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(caller.team()), "id", AttributeValue.fromS(id)))).item();
    }

    /** A map that may hold nulls (Map.of takes none). */
    static Map<String, Object> map(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }
}
