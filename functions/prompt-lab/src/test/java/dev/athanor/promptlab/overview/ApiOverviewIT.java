package dev.athanor.promptlab.overview;

import dev.athanor.core.health.ServiceInfo;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /} on the running prompt lab (Netty, over HTTP, no token): the API overview as JSON or as a page. */
@ExtendWith(LocalStackExtension.class)
class ApiOverviewIT {

    /** Seed 000's groups that have operations today, in its order, then the group every surface shares. */
    private static final List<String> GROUPS = List.of("Projects", "History", "Generation", "Backend Testing",
            "Evaluation", "Git", "Settings", "External API", "Health", "Authentication");
    private static final Map<String, Object> LINKS = Map.of("docs", "/docs", "redoc", "/redoc",
            "openapi", "/openapi.json", "health", "/api");
    private static final String BROWSER_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static ApplicationContext context;
    private static String baseUrl;
    private static JsonMapper json;

    @BeforeAll
    static void startPromptLab() {
        context = TestFunctions.start("PromptLabFunction");
        baseUrl = "http://localhost:" + context.getBean(EmbeddedServer.class).start().getPort();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    private static HttpResponse<String> send(String method, String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            request.header("Accept", accept);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Map.class);
    }

    private static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    @Test
    @SuppressWarnings("unchecked")
    void without_a_token_root_answers_json_with_name_version_groups_and_links() throws Exception {
        var response = send("GET", "/", null);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(contentType(response).startsWith("application/json"), contentType(response));
        Map<String, Object> body = map(response);
        assertEquals(List.of("name", "version", "description", "groups", "links"), List.copyOf(body.keySet()));
        assertEquals("Athanor Prompt Lab API", body.get("name"));
        assertEquals(context.getBean(ServiceInfo.class).version(), body.get("version"));
        assertFalse(((String) body.get("description")).isBlank());
        List<Map<String, Object>> groups = (List<Map<String, Object>>) body.get("groups");
        assertEquals(GROUPS, groups.stream().map(g -> g.get("name")).toList());
        groups.forEach(g -> assertFalse(((String) g.get("description")).isBlank(), g.toString()));
        assertEquals(LINKS, body.get("links"));
    }

    @Test
    void every_link_of_the_overview_answers_without_a_token() throws Exception {
        for (Object link : LINKS.values()) {
            var response = send("GET", (String) link, null);
            assertEquals(200, response.statusCode(), link + ": " + response.body());
        }
        assertTrue(send("GET", "/openapi.json", null).body().contains("\"Athanor Prompt Lab API\""));
    }

    @Test
    void a_browser_gets_the_same_overview_as_a_page() throws Exception {
        var response = send("GET", "/", BROWSER_ACCEPT);

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(contentType(response).startsWith("text/html"), contentType(response));
        assertEquals("Accept", response.headers().firstValue("Vary").orElse(null));
        String page = response.body();
        assertTrue(page.startsWith("<!DOCTYPE html>"), page);
        assertTrue(page.contains("<h1>Athanor Prompt Lab API</h1>"), page);
        assertTrue(page.contains("version " + context.getBean(ServiceInfo.class).version()), page);
        for (String group : GROUPS) {
            assertTrue(page.contains("<dt>" + group + "</dt>"), group);
        }
        for (Object link : LINKS.values()) {
            assertTrue(page.contains("<a href=\"" + link + "\">"), link + " in " + page);
        }
    }

    @Test
    void json_stays_the_answer_unless_html_is_asked_for_first() throws Exception {
        for (String accept : List.of("application/json", "*/*", "application/json, text/html;q=0.5")) {
            var response = send("GET", "/", accept);
            assertEquals(200, response.statusCode(), accept);
            assertTrue(contentType(response).startsWith("application/json"), accept + ": " + contentType(response));
        }
        var html = send("GET", "/", "text/html");
        assertTrue(contentType(html).startsWith("text/html"), contentType(html));
    }

    @Test
    void a_wrong_method_on_root_is_405_in_the_prompt_labs_error_shape() throws Exception {
        for (String method : List.of("POST", "DELETE")) {
            var response = send(method, "/", null);
            assertEquals(405, response.statusCode(), method + ": " + response.body());
            assertEquals(List.of("detail"), List.copyOf(map(response).keySet()), response.body());
        }
    }

    @Test
    void an_accept_naming_neither_json_nor_html_is_406_in_the_prompt_labs_error_shape() throws Exception {
        var response = send("GET", "/", "text/plain");

        assertEquals(406, response.statusCode(), response.body());
        assertEquals(List.of("detail"), List.copyOf(map(response).keySet()), response.body());
    }

    @Test
    void root_answers_through_the_lambda_handler_too() {
        try (LambdaHttp lambda = LambdaHttp.start("PromptLabFunction")) {
            var response = lambda.send(request("GET", "/"));
            assertEquals(200, response.status(), response.body());
            assertEquals("Athanor Prompt Lab API", response.get("name"));
        }
    }

    @Test
    void other_surfaces_on_the_same_classpath_do_not_serve_it() {
        try (LambdaHttp gateway = LambdaHttp.start("GatewayFunction")) {
            var response = gateway.send(request("GET", "/"));
            assertEquals(404, response.status(), response.body());
            assertNull(response.get("name"));
            assertTrue(response.map().containsKey("detail"), response.body());
        }
    }
}
