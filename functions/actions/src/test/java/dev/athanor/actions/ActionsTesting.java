package dev.athanor.actions;

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

/** What the actions surface's integration tests share: a team of their own, calls, and the 004 error shape. */
final class ActionsTesting {

    static final String BASE = "/api/v1/llm";

    private ActionsTesting() {
    }

    /** A caller of a fresh team, with its bearer token. */
    record Caller(String team, String bearer) {
    }

    static Caller newCaller(LambdaHttp http) {
        String team = "act-" + UUID.randomUUID();
        return new Caller(team, http.context().getBean(TokenIssuer.class).issue(TeamId.of(team), Roles.MEMBER)
                .token());
    }

    static LambdaHttp.Response send(LambdaHttp http, Caller caller, String method, String path, String body) {
        var event = request(method, BASE + path).bearer(caller.bearer());
        return http.send(body == null ? event : event.json(body));
    }

    /** Saves the template of {@code field} (its first) through template management, on the sandbox; returns its id. */
    static long template(LambdaHttp http, Caller caller, String field, String text) {
        return template(http, caller, field, text, "sandbox");
    }

    static long template(LambdaHttp http, Caller caller, String field, String text, String model) {
        var saved = send(http, caller, "POST", "/actions/", """
                {"source_field": "%s", "template": "%s", "llm_model": "%s", "temperature": 0.5,
                 "max_tokens": 300}""".formatted(field, text, model));
        assertEquals(200, saved.status(), saved.body());
        return Long.parseLong((String) ((Map<?, ?>) saved.get("data")).get("template_id"));
    }

    /** Creates an action on the template, on the sandbox; returns its id. */
    static long action(LambdaHttp http, Caller caller, String field, long templateId) {
        return action(http, caller, field, templateId, "sandbox");
    }

    static long action(LambdaHttp http, Caller caller, String field, long templateId, String model) {
        var created = send(http, caller, "POST", "/actions", """
                {"field_name": "%s", "prompt_template_id": %d, "llm_model": "%s"}""".formatted(field,
                templateId, model));
        assertEquals(201, created.status(), created.body());
        return ((Number) ((Map<?, ?>) created.get("action")).get("id")).longValue();
    }

    /** The 004 error body: status error, a typed error with message, details and troubleshooting steps. */
    static Map<?, ?> assertError(LambdaHttp.Response response, int status, String type) {
        assertEquals(status, response.status(), response.body());
        assertEquals("error", response.get("status"), response.body());
        Map<?, ?> error = (Map<?, ?>) response.get("error");
        assertEquals(type, error.get("type"), response.body());
        assertTrue(error.get("message") instanceof String message && !message.isBlank(), response.body());
        assertTrue(error.get("details") instanceof Map<?, ?>, response.body());
        assertTrue(error.get("troubleshooting") instanceof List<?> steps && !steps.isEmpty(), response.body());
        assertEquals(error.get("message"), response.get("message"));
        assertEquals(error.get("details"), response.get("errors"));
        return error;
    }

    /** The problems named for each field of a 400. */
    static Map<?, ?> details(LambdaHttp.Response response) {
        return (Map<?, ?>) assertError(response, 400, "validation").get("details");
    }

    /** The stored item, empty when there is none. */
    static Map<String, AttributeValue> stored(String tableVariable, String team, String id) {
        String table = LocalStackExtension.stack().functionEnvironment("ActionsFunction").get(tableVariable);
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(id)))).item();
    }
}
