package dev.athanor.orchestrator.agents;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the agents-configuration integration tests share: a team of their own, calls, stored state, 002's errors. */
final class AgentsTesting {

    static final String FUNCTION = "OrchestratorFunction";

    private AgentsTesting() {
    }

    /** A caller of a fresh team, with its bearer token. */
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

    /** 002's error body, {@code {"detail": "..."}}, with the status; returns the detail. */
    static String detail(LambdaHttp.Response response, int status) {
        assertEquals(status, response.status(), response.body());
        assertEquals(1, response.map().size(), response.body());
        assertTrue(response.get("detail") instanceof String detail && !detail.isBlank(), response.body());
        return (String) response.get("detail");
    }

    /** The stored item of the agent_config table, empty when there is none. */
    static Map<String, AttributeValue> stored(String team, String id) {
        String table = LocalStackExtension.stack().functionEnvironment(FUNCTION)
                .get("ATHANOR_DYNAMODB_TABLES_AGENT_CONFIG");
        return LocalStackExtension.stack().dynamo().getItem(r -> r.tableName(table).consistentRead(true)
                .key(Map.of("team_id", AttributeValue.fromS(team), "id", AttributeValue.fromS(id)))).item();
    }
}
