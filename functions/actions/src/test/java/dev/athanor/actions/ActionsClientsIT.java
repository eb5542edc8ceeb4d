package dev.athanor.actions;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TeamPrincipal;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.core.auth.keys.ApiKeys;
import dev.athanor.core.auth.keys.NewApiKey;
import dev.athanor.core.auth.session.SessionCookies;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.actions.ActionsTesting.assertError;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The two kinds of client the API document names: a browser with a session cookie (and the CSRF token a page of ours
 * copies into a header), and a program with an API key. Both reach the same team's actions.
 */
@ExtendWith(LocalStackExtension.class)
class ActionsClientsIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("ActionsFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static TeamPrincipal user(TeamId team) {
        return new TeamPrincipal(team, Roles.MEMBER, "user-" + UUID.randomUUID(), "user-" + UUID.randomUUID(), null);
    }

    @Test
    void a_browser_session_creates_and_runs_an_action_with_its_csrf_token_and_is_refused_without_it() {
        TeamId team = TeamId.of("act-browser-" + UUID.randomUUID());
        String session = http.context().getBean(TokenIssuer.class).issue(user(team), Duration.ofMinutes(15)).token();
        String csrf = http.context().getBean(SessionCookies.class).csrfToken(session);
        String cookies = "athanor_session=" + session + "; athanor_csrf=" + csrf;

        var forged = http.send(request("POST", "/api/v1/llm/actions/").header("Cookie", cookies)
                .json("{\"source_field\": \"title\", \"template\": \"T {{input}}\"}"));
        var saved = http.send(request("POST", "/api/v1/llm/actions/").header("Cookie", cookies)
                .header("X-CSRF-Token", csrf).json("{\"source_field\": \"title\", \"template\": \"T {{input}}\"}"));
        var created = http.send(request("POST", "/api/v1/llm/actions").header("Cookie", cookies)
                .header("X-CSRF-Token", csrf).json("{\"field_name\": \"title\", \"prompt_template_id\": 1}"));
        var run = http.send(request("POST", "/api/v1/llm/actions/1/run").header("Cookie", cookies)
                .header("X-CSRF-Token", csrf).json("{\"input_text\": \"Lochs\"}"));
        var listed = http.send(request("GET", "/api/v1/llm/actions").header("Cookie", cookies));

        assertError(forged, 403, "permission");
        assertEquals(200, saved.status(), saved.body());
        assertEquals(201, created.status(), created.body());
        assertEquals(200, run.status(), run.body());
        assertEquals(1, listed.list().size(), listed.body());
    }

    @Test
    void a_program_with_an_api_key_uses_the_surface_and_a_request_without_credentials_is_401() {
        TeamId team = TeamId.of("act-key-" + UUID.randomUUID());
        TeamPrincipal owner = user(team);
        String key = http.context().getBean(ApiKeys.class).create(owner, new NewApiKey("script", Roles.MEMBER, null,
                null, null, null, null, null)).text();

        var saved = http.send(request("POST", "/api/v1/llm/actions/").header("X-API-Key", key)
                .json("{\"source_field\": \"body\", \"template\": \"Expand {{input}}\"}"));
        var created = http.send(request("POST", "/api/v1/llm/actions").header("X-API-Key", key)
                .json("{\"field_name\": \"body\", \"prompt_template_id\": 1}"));
        var tested = http.send(request("POST", "/api/v1/llm/test").header("X-API-Key", key)
                .json("{\"prompt\": \"Say {{input}}\", \"input\": \"hello\"}"));
        var anonymous = http.send(request("GET", "/api/v1/llm/actions"));

        assertEquals(200, saved.status(), saved.body());
        assertEquals(201, created.status(), created.body());
        assertEquals(200, tested.status(), tested.body());
        assertTrue(((String) tested.get("result")).endsWith(": Say hello"), tested.body());
        assertEquals(List.of("result", "model", "duration", "interaction_id"), List.copyOf(tested.map().keySet()));
        assertError(anonymous, 401, "authentication");
        Map<?, ?> config = http.send(request("GET", "/api/v1/llm/config").header("X-API-Key", key)).map();
        assertEquals("sandbox", config.get("model_name"));
    }
}
