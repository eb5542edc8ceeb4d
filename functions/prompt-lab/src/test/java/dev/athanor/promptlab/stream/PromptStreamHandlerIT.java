package dev.athanor.promptlab.stream;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.promptlab.PromptHistoryEntry;
import dev.athanor.model.promptlab.PromptHistoryStore;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import dev.athanor.testkit.FakeDns;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * generate through the prompt lab's API Gateway handler (the non-streaming function, which buffers the events), with
 * the offline sandbox as the project's model: the same events and history as on the streaming server, and the
 * handler's error statuses, with private addresses forbidden as in the cloud.
 */
@ExtendWith(LocalStackExtension.class)
class PromptStreamHandlerIT {

    @RegisterExtension
    static final WireMockExtension BACKEND = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static LambdaHttp http;
    private static String token;
    private static PromptProject project;
    private static final TeamId TEAM = TeamId.of("handler-lab");

    @BeforeAll
    static void start() {
        // as in the cloud: user-given URLs may not reach loopback or private addresses
        http = LambdaHttp.start("PromptLabFunction", Map.of("athanor.security.allow-private-urls", false));
        token = http.context().getBean(TokenIssuer.class).issue(TEAM, Roles.MEMBER).token();
        project = http.context().getBean(PromptProjectStore.class).create(TEAM,
                new PromptProjectDraft("sandboxed", "sandbox", null, null, null, null));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @Test
    void the_sandbox_answers_as_events_ending_with_done_and_the_answer_is_in_the_history() {
        LambdaHttp.Response response = http.send(request("POST", "/api/projects/" + project.id() + "/generate")
                .bearer(token).json("{\"userPrompt\":\"Say {{what}}\",\"variables\":{\"what\":\"hello\"}}"));

        assertEquals(200, response.status(), response.body());
        assertTrue(response.header("Content-Type").startsWith("text/event-stream"), response.headers().toString());
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertTrue(events.get(0).startsWith("data: {\"type\": \"status\""), response.body());
        assertTrue(events.stream().anyMatch(e -> e.startsWith("data: {\"type\": \"token\"")), response.body());
        assertTrue(events.get(events.size() - 1).startsWith("data: {\"type\": \"done\", \"response_time\": "),
                response.body());
        List<PromptHistoryEntry> saved = http.context().getBean(PromptHistoryStore.class)
                .list(TEAM, PromptHistoryStore.Kind.PROMPT, project.id(), PageRequest.first(50)).items();
        assertEquals(1, saved.size());
        assertTrue(saved.get(0).response().contains("sandbox"), saved.get(0).response());
    }

    @Test
    void unknown_projects_missing_variables_and_missing_tokens_are_refused_before_any_event() {
        LambdaHttp.Response missing = http.send(request("POST", "/api/projects/" + project.id() + "/generate")
                .bearer(token).json("{\"userPrompt\":\"Say {{what}}\"}"));
        LambdaHttp.Response unknown = http.send(request("POST", "/api/projects/99999/generate")
                .bearer(token).json("{\"userPrompt\":\"Hi\"}"));
        LambdaHttp.Response anonymous = http.send(request("POST", "/api/projects/" + project.id() + "/generate")
                .json("{\"userPrompt\":\"Hi\"}"));

        assertEquals(422, missing.status(), missing.body());
        assertEquals("Missing template variables: what", missing.get("detail"));
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals("Project not found", unknown.get("detail"));
        assertEquals(401, anonymous.status());
    }

    @Test
    void a_backend_on_a_loopback_or_private_address_is_422_unless_the_operator_allows_it() {
        for (String url : List.of("http://127.0.0.1:9/answer", "http://10.0.0.8/answer", "http://localhost:3001/",
                "http://127.1/", "http://[::1]/", "http://100.64.0.1/", "http://[fd12::1]/")) {
            LambdaHttp.Response response = http.send(request("POST",
                    "/api/projects/" + project.id() + "/test-backend").bearer(token)
                    .json("{\"test_backend_url\":\"" + url + "\",\"prompt\":\"Hi\"}"));

            assertEquals(422, response.status(), url + ": " + response.body());
            assertEquals("test_backend_url must not point at a loopback or private address",
                    response.get("detail"));
        }
        assertTrue(http.context().getBean(PromptHistoryStore.class)
                .list(TEAM, PromptHistoryStore.Kind.BACKEND, project.id(), PageRequest.first(50)).items().isEmpty());
    }

    @Test
    void a_project_or_test_settings_url_on_a_private_address_is_refused_when_given() {
        LambdaHttp.Response project = http.send(request("POST", "/api/projects").bearer(token)
                .json("{\"name\":\"private\",\"provider_id\":\"m\",\"llamastack_url\":\"http://10.1.2.3:8321\"}"));
        LambdaHttp.Response settings = http.send(request("POST",
                "/api/projects/" + PromptStreamHandlerIT.project.id() + "/test-settings").bearer(token)
                .json("{\"test_backend_url\":\"http://192.168.0.10/answer\"}"));

        assertEquals(422, project.status(), project.body());
        assertEquals("Invalid project: llamastack_url must not point at a loopback or private address",
                project.get("detail"));
        assertEquals(422, settings.status(), settings.body());
        assertEquals("Invalid test settings: test_backend_url must not point at a loopback or private address",
                settings.get("detail"));
    }

    @Test
    void a_backend_name_re_pointed_between_the_check_and_the_connection_is_not_called() {
        // checked when the test starts: a public address; resolved again to connect: the loopback address, where
        // the backend listens and where no user's URL may lead here
        http.context().getBean(FakeDns.class).answer("rebinding.example.com", "203.0.113.7", "127.0.0.1");
        PromptProject own = http.context().getBean(PromptProjectStore.class).create(TEAM,
                new PromptProjectDraft("rebinding", "sandbox", null, null, null, null));

        LambdaHttp.Response response = http.send(request("POST", "/api/projects/" + own.id() + "/test-backend")
                .bearer(token).json("{\"test_backend_url\":\"http://rebinding.example.com:" + BACKEND.getPort()
                        + "/answer\",\"prompt\":\"Hi\"}"));

        assertEquals(200, response.status(), response.body());
        List<String> events = response.body().lines().filter(line -> line.startsWith("data: ")).toList();
        assertTrue(events.get(events.size() - 1).startsWith("data: {\"type\": \"error\", \"content\": \"The backend "
                + "was not called: its host rebinding.example.com must not point at a loopback or private address\""),
                response.body());
        BACKEND.verify(0, anyRequestedFor(anyUrl()));
        assertEquals(1, http.context().getBean(PromptHistoryStore.class)
                .list(TEAM, PromptHistoryStore.Kind.BACKEND, own.id(), PageRequest.first(50)).items().size(),
                "the attempt is kept");
    }
}
