package dev.athanor.orchestrator.hrm;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the HRM integration tests share: callers of a fresh team, calls, and the stored items. */
final class HrmTesting {

    static final List<String> CONFIG_FIELDS = List.of("config_id", "config", "preset_name", "last_updated",
            "updated_by");
    static final List<String> APPLIED_FIELDS = List.of("status", "config_id", "applied_at", "impact_estimate",
            "active_tasks_affected", "future_tasks_affected");

    private HrmTesting() {
    }

    /** A user of a team, with its bearer token. */
    record Caller(String team, String subject, String bearer) {
    }

    static Caller newCaller(LambdaHttp http) {
        return member(http, "hrm-" + UUID.randomUUID());
    }

    /** Another user of {@code team}. */
    static Caller member(LambdaHttp http, String team) {
        String subject = "user-" + UUID.randomUUID();
        TeamPrincipal principal = new TeamPrincipal(TeamId.of(team), Roles.MEMBER, subject, subject, null);
        return new Caller(team, subject, http.context().getBean(TokenIssuer.class)
                .issue(principal, Duration.ofMinutes(15)).token());
    }

    /** A call; a query written in {@code path} ({@code ?a=1&b=2}) becomes the event's query parameters. */
    static LambdaHttp.Response send(LambdaHttp http, Caller caller, String method, String path, String body) {
        String[] parts = path.split("\\?", 2);
        var event = request(method, parts[0]).bearer(caller.bearer());
        if (parts.length > 1) {
            for (String pair : parts[1].split("&")) {
                String[] nameAndValue = pair.split("=", 2);
                event.query(nameAndValue[0], nameAndValue[1]);
            }
        }
        return http.send(body == null ? event : event.json(body));
    }

    /** Creates a project of the caller's team through POST /api/projects; returns its id. */
    static String project(LambdaHttp http, Caller caller) {
        var created = send(http, caller, "POST", "/api/projects", "{\"name\": \"HRM " + UUID.randomUUID() + "\"}");
        assertEquals(201, created.status(), created.body());
        return (String) created.get("id");
    }

    /** Stores a task of {@code project} for the caller's team, as the execution engine does; returns its id. */
    static String task(LambdaHttp http, Caller caller, String project, TaskStatus status) {
        Instant now = Instant.now();
        OrchestratorTask task = new OrchestratorTask(UUID.randomUUID().toString(), project, 1, "HRM task", null,
                List.of(), status, null, 0, 0, 5, 0, null, false, 0, null, null, null, 1.0, null, now, now);
        http.context().getBean(TaskStore.class).create(TeamId.of(caller.team()), task);
        return task.id();
    }

    /** The project's (or task's) config through GET /api/hrm/config; asserts a 200. */
    static Map<String, Object> config(LambdaHttp http, Caller caller, String project, String task) {
        var event = request("GET", "/api/hrm/config").bearer(caller.bearer()).query("project_id", project);
        var response = http.send(task == null ? event : event.query("task_id", task));
        assertEquals(200, response.status(), response.body());
        return response.map();
    }

    /** The defaults as JSON: the values of the document's example. */
    static Map<String, Object> defaults() {
        return Map.of(
                "latent_reasoning", Map.of("enabled", true, "dimensionality", 512, "compression_ratio_target", 3.8,
                        "auto_adjust", false),
                "ml_iteration_prediction", Map.of("mode", "auto", "max_iterations", 7, "confidence_threshold", 0.8),
                "agent_switching", Map.of("strategy", "adaptive", "quality_drop_threshold", 0.2, "cost_ceiling", 5.0,
                        "max_switches_per_task", 3),
                "deep_supervision", Map.of("enabled", true, "checkpoints", List.of(0.33, 0.66, 1.0),
                        "quality_gate_threshold", 0.75),
                "parallel_evaluation", Map.of("enabled", true, "worker_count", 4, "timeout_seconds", 60),
                "caching", Map.of("memory", true, "disk", true, "remote", false, "aggressive_mode", true,
                        "max_size_mb", 500),
                "bayesian_optimization", Map.of("enabled", false, "iterations", 30),
                "rl_refinement", Map.of("enabled", true, "epsilon", 0.1, "learning_rate", 0.001),
                "prometheus_metrics", Map.of("enabled", true, "export_interval", 15),
                "multi_repo", Map.of("enabled", true));
    }

    static Object setting(Map<String, Object> view, String section, String field) {
        return ((Map<?, ?>) ((Map<?, ?>) view.get("config")).get(section)).get(field);
    }

    /** The stored item, empty when there is none. */
    static Map<String, AttributeValue> stored(String team, String id) {
        String table = LocalStackExtension.stack().functionEnvironment("OrchestratorFunction")
                .get("ATHANOR_DYNAMODB_TABLES_HRM");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(id)))).item();
    }
}
