package dev.athanor.promptlab.stream;

import com.github.tomakehurst.wiremock.client.WireMock;
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
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.TestFunctions;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * generate and test-backend on the running prompt lab (Netty, as served locally and behind the Lambda Web Adapter),
 * read as a browser's fetch reads them: line by line as the bytes arrive. The model is a WireMock fake of an
 * OpenAI-compatible vendor that streams with delays; the backends are WireMock fakes too.
 */
@ExtendWith(LocalStackExtension.class)
class PromptStreamIT {

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    @RegisterExtension
    static final WireMockExtension BACKEND = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String MODEL = "gpt-4o-mini";

    private static ApplicationContext context;
    private static String baseUrl;
    private static JsonMapper json;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private TeamId team;
    private String token;
    private PromptProject project;

    @BeforeAll
    static void startPromptLab() {
        context = TestFunctions.start("PromptLabFunction", Map.of(
                "openai.api.key", "sk-vendor",
                "openai.base.url", VENDOR.baseUrl() + "/v1",
                "athanor.llm.router.initial-backoff", "5ms",
                "athanor.prompt-lab.heartbeat-interval", "200ms"));
        baseUrl = "http://localhost:" + context.getBean(EmbeddedServer.class).start().getPort();
        json = context.getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() {
        context.close();
    }

    @BeforeEach
    void aTeamWithAProject() {
        VENDOR.resetAll();
        BACKEND.resetAll();
        VENDOR.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withHeader("Content-Type",
                "application/json").withBody("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
                + "\",\"object\":\"model\",\"created\":1,\"owned_by\":\"system\"}]}")));
        team = TeamId.of("lab-" + UUID.randomUUID().toString().substring(0, 8));
        token = context.getBean(TokenIssuer.class).issue(team, Roles.MEMBER).token();
        project = context.getBean(PromptProjectStore.class).create(team, new PromptProjectDraft("summaries", MODEL,
                null, null, BACKEND.baseUrl() + "/answer", null));
    }

    // ------------------------------------------------------------------ helpers

    /** One line of the response and when it arrived. */
    record Line(String text, long atNanos) {
    }

    record Streamed(int status, String contentType, List<Line> lines, String body) {

        List<Map<String, Object>> events() {
            List<Map<String, Object>> events = new ArrayList<>();
            for (Line line : lines) {
                if (line.text().startsWith("data: ")) {
                    events.add(parse(line.text().substring(6)));
                }
            }
            return events;
        }

        List<String> types() {
            return events().stream().map(e -> (String) e.get("type")).toList();
        }

        String joined(String type) {
            StringBuilder text = new StringBuilder();
            events().stream().filter(e -> type.equals(e.get("type"))).forEach(e -> text.append(e.get("content")));
            return text.toString();
        }

        Map<String, Object> last() {
            List<Map<String, Object>> events = events();
            return events.get(events.size() - 1);
        }

        long firstArrival(String prefix) {
            return lines.stream().filter(l -> l.text().startsWith(prefix)).mapToLong(Line::atNanos).findFirst()
                    .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in " + body));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text) {
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private Streamed post(long projectId, String endpoint, String body) throws Exception {
        URI url = URI.create(baseUrl + "/api/projects/" + projectId + "/" + endpoint);
        HttpRequest request = HttpRequest.newBuilder(url)
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<InputStream> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
        List<Line> lines = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(new Line(line, System.nanoTime()));
                all.append(line).append('\n');
            }
        }
        return new Streamed(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), lines,
                all.toString());
    }

    private Streamed generate(String body) throws Exception {
        return post(project.id(), "generate", body);
    }

    private List<PromptHistoryEntry> history(PromptHistoryStore.Kind kind) {
        return context.getBean(PromptHistoryStore.class).list(team, kind, project.id(), PageRequest.first(50)).items();
    }

    private static String openAiStream(List<String> pieces, int promptTokens, int completionTokens) {
        StringBuilder sse = new StringBuilder();
        for (String piece : pieces) {
            sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"")
                    .append(MODEL).append("\",\"choices\":[{\"index\":0,\"delta\":{\"content\":")
                    .append(quote(piece)).append("},\"finish_reason\":null}]}\n\n");
        }
        sse.append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"").append(MODEL)
                .append("\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n")
                .append("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"")
                .append(MODEL).append("\",\"choices\":[],\"usage\":{\"prompt_tokens\":").append(promptTokens)
                .append(",\"completion_tokens\":").append(completionTokens).append(",\"total_tokens\":")
                .append(promptTokens + completionTokens).append("}}\n\n")
                .append("data: [DONE]\n\n");
        return sse.toString();
    }

    private static String quote(String text) {
        try {
            return json.writeValueAsString(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    // ------------------------------------------------------------------ generate

    @Test
    void generate_streams_tokens_as_the_model_makes_them_then_done_and_saves_the_history() throws Exception {
        List<String> words = List.of("Machine", " learning", " finds", " patterns", " in", " data", ".");
        VENDOR.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(openAiStream(words, 21, 7)).withChunkedDribbleDelay(10, 3000)));

        Streamed response = generate("""
                {"userPrompt":"Explain {{concept}} in simple terms","systemPrompt":"You are a helpful teacher",
                 "variables":{"concept":"machine learning"},"temperature":0.7,"maxLen":200,"topP":0.9,"topK":50}""");

        assertEquals(200, response.status(), response.body());
        assertTrue(response.contentType().startsWith("text/event-stream"), response.contentType());
        List<String> types = response.types();
        assertEquals("status", types.get(0), response.body());
        assertEquals("done", types.get(types.size() - 1), response.body());
        assertTrue(types.subList(1, types.size() - 1).stream().allMatch("token"::equals), response.body());
        assertEquals("Machine learning finds patterns in data.", response.joined("token"));
        long firstToken = response.firstArrival("data: {\"type\": \"token\"");
        long done = response.firstArrival("data: {\"type\": \"done\"");
        assertTrue((done - firstToken) / 1_000_000 > 1500,
                "the first token arrives while the model is still writing, not with the whole answer");
        assertTrue(response.body().contains("data: {\"type\": \"token\", \"content\": \"Machine\"}\n\n"),
                "the seed's event format: " + response.body());
        Map<String, Object> metrics = response.last();
        assertTrue(((Number) metrics.get("response_time")).doubleValue() > 1.5, metrics.toString());
        assertEquals(21, metrics.get("prompt_tokens"));
        assertEquals(7, metrics.get("completion_tokens"));
        assertEquals(28, metrics.get("total_tokens"));
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
                {"model":"gpt-4o-mini","messages":[{"role":"system","content":"You are a helpful teacher"},
                 {"role":"user","content":"Explain machine learning in simple terms"}],
                 "temperature":0.7,"top_p":0.9,"top_k":50,"max_tokens":200}""", true, true)));
        List<PromptHistoryEntry> saved = history(PromptHistoryStore.Kind.PROMPT);
        assertEquals(1, saved.size());
        assertEquals(((Number) metrics.get("history_id")).longValue(), saved.get(0).id());
        assertEquals("Machine learning finds patterns in data.", saved.get(0).response());
        assertEquals("Explain {{concept}} in simple terms", saved.get(0).prompt().userPrompt());
        assertEquals(Map.of("concept", "machine learning"), saved.get(0).prompt().variables());
        assertEquals(50, saved.get(0).prompt().topK());
    }

    @Test
    void reasoning_inside_think_tags_comes_as_thought_events_even_when_a_tag_is_cut_across_pieces()
            throws Exception {
        VENDOR.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(openAiStream(List.of("<thi", "nk>Users want", " brevity.</th", "ink>Be", " brief."), 5, 5))));

        Streamed response = generate("""
                {"messages":[{"role":"system","content":"You are terse"},{"role":"user","content":"Hi"},
                  {"role":"assistant","content":"Hello"},{"role":"user","content":"Advice on {{topic}}?"}],
                 "variables":{"topic":"writing"}}""");

        assertEquals(200, response.status(), response.body());
        assertEquals("Users want brevity.", response.joined("thought"));
        assertEquals("Be brief.", response.joined("token"));
        assertTrue(response.types().indexOf("thought") < response.types().indexOf("token"), response.body());
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.messages[3].content", equalTo("Advice on writing?")))
                .withRequestBody(matchingJsonPath("$.messages[2].role", equalTo("assistant"))));
        PromptHistoryEntry saved = history(PromptHistoryStore.Kind.PROMPT).get(0);
        assertEquals("Be brief.", saved.response());
        assertEquals("Users want brevity.", saved.thought());
        assertEquals(4, saved.prompt().messages().size());
    }

    @Test
    void while_the_model_has_not_answered_yet_keep_alive_comments_hold_the_connection() throws Exception {
        VENDOR.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withFixedDelay(1200)
                .withBody(openAiStream(List.of("Late"), 1, 1))));

        Streamed response = generate("{\"user_prompt\":\"Hi\",\"max_len\":5}");

        assertEquals(200, response.status(), response.body());
        assertTrue(response.firstArrival(": keep-alive") < response.firstArrival("data: {\"type\": \"token\""),
                response.body());
        assertEquals("Late", response.joined("token"));
        VENDOR.verify(postRequestedFor(urlEqualTo("/v1/chat/completions"))
                .withRequestBody(matchingJsonPath("$.max_tokens", equalTo("5"))));
    }

    @Test
    void a_model_that_breaks_after_the_stream_started_ends_it_with_an_error_event_and_nothing_is_saved()
            throws Exception {
        VENDOR.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream").withBody("""
                        data: {"id":"c1","object":"chat.completion.chunk",\
                        "choices":[{"index":0,"delta":{"content":"Once"}}]}

                        data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content

                        """)));

        Streamed response = generate("{\"userPrompt\":\"Tell a story\"}");

        assertEquals(200, response.status());
        assertEquals("Once", response.joined("token"));
        assertEquals("error", response.last().get("type"), response.body());
        assertTrue(((String) response.last().get("content")).contains("Upstream provider error"), response.body());
        assertTrue(history(PromptHistoryStore.Kind.PROMPT).isEmpty());
    }

    @Test
    void bad_input_is_422_naming_the_problem_before_any_stream_and_writes_nothing() throws Exception {
        assertRefused(generate("{\"userPrompt\":\"Hi\",\"temperature\":2.5}"), 422,
                "temperature must be between 0 and 2");
        assertRefused(generate("{\"userPrompt\":\"Hi\",\"maxLen\":-1}"), 422, "maxLen must be a positive integer");
        assertRefused(generate("{\"messages\":[{\"role\":\"wizard\",\"content\":\"Hi\"}]}"), 422,
                "messages[0].role must be one of system, user, assistant");
        assertRefused(generate("""
                {"userPrompt":"Compare {{a}} with {{b}} for {{audience}}","variables":{"a":"x"}}"""), 422,
                "Missing template variables: b, audience");
        assertRefused(post(project.id() + 1000, "generate", "{\"userPrompt\":\"Hi\"}"), 404, "Project not found");

        VENDOR.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertTrue(history(PromptHistoryStore.Kind.PROMPT).isEmpty());
    }

    @Test
    void another_teams_project_is_not_found() throws Exception {
        String ownToken = token;
        token = context.getBean(TokenIssuer.class).issue(TeamId.of("other-team"), Roles.MEMBER).token();
        try {
            assertRefused(generate("{\"userPrompt\":\"Hi\"}"), 404, "Project not found");
        } finally {
            token = ownToken;
        }
    }

    private static void assertRefused(Streamed response, int status, String detail) {
        assertEquals(status, response.status(), response.body());
        assertEquals(Map.of("detail", detail), parse(response.body()));
    }

    // ------------------------------------------------------------------ test-backend

    @Test
    void an_openai_compatible_backend_is_streamed_with_its_metrics_and_saved_to_backend_history()
            throws Exception {
        BACKEND.stubFor(WireMock.post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse()
                .withHeader("Content-Type", "text/event-stream")
                .withBody(openAiStream(List.of("Use", " console.log", " first."), 3, 3))
                .withChunkedDribbleDelay(5, 1500)));

        Streamed response = post(project.id(), "test-backend", """
                {"test_backend_url":"%s/v1/chat/completions","user_prompt":"Help me with {{task}}",
                 "system_prompt":"You are a helpful coding assistant","variables":{"task":"JavaScript debugging"},
                 "temperature":0.7,"max_len":500,"top_p":0.9,"top_k":50}""".formatted(BACKEND.baseUrl()));

        assertEquals(200, response.status(), response.body());
        assertEquals("Use console.log first.", response.joined("token"));
        assertTrue((response.firstArrival("data: {\"type\": \"done\"")
                - response.firstArrival("data: {\"type\": \"token\"")) / 1_000_000 > 500, "streamed as it came");
        Map<String, Object> done = response.last();
        assertEquals("done", done.get("type"));
        assertEquals(200, done.get("status_code"));
        assertTrue(((Number) done.get("time_to_first_byte")).doubleValue()
                <= ((Number) done.get("response_time")).doubleValue(), done.toString());
        BACKEND.verify(postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(equalToJson("""
                {"model":"gpt-4o-mini","stream":true,"temperature":0.7,"max_tokens":500,"top_p":0.9,"top_k":50,
                 "messages":[{"role":"system","content":"You are a helpful coding assistant"},
                             {"role":"user","content":"Help me with JavaScript debugging"}]}""")));
        List<PromptHistoryEntry> saved = history(PromptHistoryStore.Kind.BACKEND);
        assertEquals(1, saved.size());
        assertEquals("Use console.log first.", saved.get(0).response());
        assertEquals(BACKEND.baseUrl() + "/v1/chat/completions", saved.get(0).backend().url());
        assertEquals(200, saved.get(0).backend().statusCode());
        assertNotNull(saved.get(0).backend().responseTimeMs());
        assertNull(saved.get(0).backend().error());
        assertTrue(history(PromptHistoryStore.Kind.PROMPT).isEmpty());
    }

    @Test
    void a_plain_json_backend_gets_the_rendered_prompt_and_its_answer_field_is_streamed() throws Exception {
        BACKEND.stubFor(WireMock.post(urlEqualTo("/answer")).willReturn(aResponse()
                .withHeader("Content-Type", "application/json")
                .withBody("{\"response\":\"Check the base case.\",\"latency\":3}")));

        Streamed response = post(project.id(), "test-backend", """
                {"prompt":"Debug this Python code: {{code}}","variables":{"code":"def f(n): return f(n-1)"}}""");

        assertEquals(200, response.status(), response.body());
        assertEquals("Check the base case.", response.joined("token"));
        assertEquals("done", response.last().get("type"));
        BACKEND.verify(postRequestedFor(urlEqualTo("/answer")).withRequestBody(equalToJson("""
                {"prompt":"Debug this Python code: def f(n): return f(n-1)",
                 "variables":{"code":"def f(n): return f(n-1)"}}""", true, true)));
        assertEquals("Check the base case.", history(PromptHistoryStore.Kind.BACKEND).get(0).response());
    }

    @Test
    void a_failing_backend_ends_with_an_error_event_carrying_its_status_and_the_failure_is_kept() throws Exception {
        BACKEND.stubFor(WireMock.post(urlEqualTo("/answer")).willReturn(aResponse().withStatus(500)
                .withBody("boom")));

        Streamed response = post(project.id(), "test-backend", "{\"prompt\":\"Hi\"}");

        assertEquals(200, response.status());
        assertEquals("error", response.last().get("type"), response.body());
        assertEquals(500, response.last().get("status_code"));
        assertEquals("The backend answered 500: boom", response.last().get("content"));
        PromptHistoryEntry saved = history(PromptHistoryStore.Kind.BACKEND).get(0);
        assertEquals(500, saved.backend().statusCode());
        assertEquals("The backend answered 500: boom", saved.backend().error());
    }

    @Test
    void metadata_and_link_local_backends_are_refused_with_422_and_nothing_is_called_or_saved() throws Exception {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://0xa9fea9fe/",
                "http://[fd00:ec2::254]/", "http://metadata.google.internal/", "http://[::ffff:a9fe:a9fe]/")) {
            assertRefused(post(project.id(), "test-backend", """
                    {"test_backend_url":"%s","prompt":"Hi"}""".formatted(url)),
                    422, "test_backend_url must not point at a link-local or metadata address");
        }
        assertRefused(post(project.id(), "test-backend",
                        "{\"test_backend_url\":\"file:///etc/passwd\",\"prompt\":\"Hi\"}"),
                422, "test_backend_url must be an http or https URL");
        assertRefused(post(project.id() + 1000, "test-backend", "{\"prompt\":\"Hi\"}"), 404, "Project not found");
        assertRefused(post(project.id(), "test-backend", "{\"prompt\":\"Hi {{name}}\"}"), 422,
                "Missing template variables: name");
        BACKEND.verify(0, anyRequestedFor(anyUrl()));
        assertTrue(history(PromptHistoryStore.Kind.BACKEND).isEmpty());
    }

    @Test
    void a_redirect_is_not_followed_and_ends_the_test_with_an_error() throws Exception {
        BACKEND.stubFor(WireMock.post(urlEqualTo("/answer")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", BACKEND.baseUrl() + "/elsewhere")));
        BACKEND.stubFor(WireMock.post(urlEqualTo("/metadata")).willReturn(aResponse().withStatus(307)
                .withHeader("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/")));

        Streamed local = post(project.id(), "test-backend", "{\"prompt\":\"Hi\"}");
        Streamed metadata = post(project.id(), "test-backend", """
                {"test_backend_url":"%s/metadata","prompt":"Hi"}""".formatted(BACKEND.baseUrl()));

        assertEquals("error", local.last().get("type"), local.body());
        assertEquals(302, local.last().get("status_code"));
        assertEquals("The backend answered 302, a redirect, and redirects are not followed",
                local.last().get("content"));
        assertEquals("error", metadata.last().get("type"), metadata.body());
        assertEquals(307, metadata.last().get("status_code"));
        BACKEND.verify(0, anyRequestedFor(urlEqualTo("/elsewhere")));
        BACKEND.verify(1, postRequestedFor(urlEqualTo("/answer")));
        assertEquals(2, history(PromptHistoryStore.Kind.BACKEND).size());
    }

    @Test
    void a_backend_whose_name_points_at_a_metadata_address_when_connecting_is_not_called() throws Exception {
        // the name is checked when the test starts (the loopback address, allowed here), then resolved again for the
        // connection: a metadata address by then
        context.getBean(FakeDns.class).answer("backend.example.com", "127.0.0.1", "169.254.169.254");

        Streamed response = post(project.id(), "test-backend", """
                {"test_backend_url":"http://backend.example.com:%d/answer","prompt":"Hi"}""".formatted(
                BACKEND.getPort()));

        assertEquals(200, response.status(), response.body());
        assertEquals("error", response.last().get("type"), response.body());
        assertEquals("The backend was not called: its host backend.example.com must not point at a link-local or "
                + "metadata address", response.last().get("content"));
        assertNull(response.last().get("status_code"));
        BACKEND.verify(0, anyRequestedFor(anyUrl()));
        assertEquals("The backend was not called: its host backend.example.com must not point at a link-local or "
                + "metadata address", history(PromptHistoryStore.Kind.BACKEND).get(0).backend().error());
    }
}
