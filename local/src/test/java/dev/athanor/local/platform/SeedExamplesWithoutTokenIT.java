package dev.athanor.local.platform;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.athanor.testkit.Await;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seeds' own examples, which send no token (documents 001 and 002 say their APIs need none), run unchanged
 * against the platform as {@link Main} starts it: data kept in a directory (here under a temporary one), requests
 * without credentials acting as a member of team {@code default}, every surface on 127.0.0.1.
 * <ul>
 *   <li>{@code seed-001/example.mjs} is a byte-for-byte copy of the gateway document's JavaScript client; only its
 *   base URL is changed. Its models exist because the operator configured an OpenAI-compatible vendor the way a user
 *   does ({@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}, given here as their properties): a WireMock server
 *   speaking OpenAI's documented chat-completions format, plain and streamed, that lists the models the seeds
 *   name, as the LiteLLM proxy behind document 001 would.</li>
 *   <li>{@code seed-000/quick-start.md} is a byte-for-byte copy of the prompt lab document's Quick Start. Each of its
 *   {@code curl} commands but the Git sign-ins (they check tokens with github.com and the document's example
 *   servers) runs in {@code bash} with the real {@code curl}, only the base
 *   URL changed, after the project, history and dataset they name were created through the API. A {@code .curlrc}
 *   (in {@code CURL_HOME}) makes curl quiet and write the status code to stderr, so the commands stay as written.
 *   One command is not valid shell as written (a {@code \'} inside single quotes): it runs as its author meant it,
 *   with the shell's {@code '\''}.</li>
 *   <li>{@code seed-002/testing.md} is a byte-for-byte copy of the orchestrator document's "Test Backend Locally":
 *   its curl commands run in {@code bash} as written, only the base URL changed. Its {@code websocat} line is the
 *   live events' (not built yet) and is left out.</li>
 * </ul>
 */
class SeedExamplesWithoutTokenIT {

    private static final String SEED_GATEWAY_URL = "http://localhost:8000";
    private static final String SEED_LAB_URL = "http://localhost:3001";
    private static final String VENDOR_KEY = "sk-vendor-key-for-the-seed-examples";
    private static final String PROJECT_MODEL = "llama-3.1-8b-instruct";
    private static final String BACKEND_ANSWER = "Set a breakpoint on the failing line.";
    private static final long RUN_SECONDS = 90;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final WireMockExtension VENDOR = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).resetOnEachTest(false).build();
    @RegisterExtension
    static final WireMockExtension BACKEND = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).resetOnEachTest(false).build();

    @TempDir
    static Path root;

    private static LocalPlatform platform;
    private static JsonMapper json;

    @BeforeAll
    static void start() throws Exception {
        VendorStubs.install(VENDOR);
        BACKEND.stubFor(post(urlEqualTo("/backend")).willReturn(okJson("{\"response\": \"" + BACKEND_ANSWER + "\"}")));
        platform = Main.platform(LocalStackExtension.template(), root.resolve(".athanor"), "it-admin-key", port -> -1,
                Map.of("openai.api.key", VENDOR_KEY, "openai.base.url", VENDOR.baseUrl() + "/v1"));
        json = platform.surface("gateway").context().getBean(JsonMapper.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void every_surface_listens_on_this_machine_only_and_the_banner_says_why() throws Exception {
        assertEquals(java.util.Optional.of("default"), platform.anonymousTeam());
        InetAddress outside = nonLoopbackAddress();
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            assertEquals("127.0.0.1", surface.context().getProperty("micronaut.server.host", String.class).orElse(null),
                    surface.name());
            int port = URI.create(surface.url()).getPort();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
            }
            if (outside != null) {
                assertThrows(ConnectException.class, () -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(outside, port), 5_000);
                    }
                }, surface.name() + " answers on " + outside);
            }
        }
        String banner = Main.banner(platform, root.resolve(".athanor"), 1.0);
        assertTrue(banner.contains("requests without credentials act as a member of team 'default'; every surface"
                + " listens on 127.0.0.1 only (this machine)"), banner);
        assertTrue(banner.contains("try: curl " + platform.surface("gateway").url() + "/v1/models"), banner);
    }

    @Test
    void the_gateway_documents_javascript_client_runs_as_written_without_a_token() throws Exception {
        ExampleRuns.requireTool("node 18 or later (for fetch)", "node", "-e",
                "process.exit(Number(process.versions.node.split('.')[0]) >= 18 ? 0 : 1)");
        String example = resource("/seed-001/example.mjs");
        assertTrue(example.contains(SEED_GATEWAY_URL + "/health"), "the example names the gateway as the seed does");
        Path script = root.resolve("example.mjs");
        Files.writeString(script, example.replace(SEED_GATEWAY_URL, platform.surface("gateway").url()));

        ExampleRuns.Run run = ExampleRuns.run(List.of("node", script.toString()), root, Map.of(), RUN_SECONDS);

        List<String> lines = run.lines();
        assertEquals(5, lines.size(), run.toString());
        assertTrue(lines.get(0).matches("\\{ status: 'ok', version: '0\\.1\\.0', uptime_sec: [0-9.]+ }"), run.toString());
        assertEquals("Available models: [ 'gpt-3.5-turbo', 'gemini-pro', 'llama-3.1-8b-instruct' ]", lines.get(1));
        assertEquals(VendorStubs.reply("gpt-3.5-turbo"), lines.get(2));
        assertEquals(VendorStubs.reply("gemini-pro"), lines.get(3));
        assertEquals(String.join("", VendorStubs.STORY) + "Configured: 1/1", lines.get(4));

        assertEquals(List.of("Bearer " + VENDOR_KEY), VENDOR.findAll(getRequestedFor(urlEqualTo("/v1/models")))
                .stream().map(r -> r.getHeader("Authorization")).distinct().toList(), "the models were listed");
        List<Map<String, Object>> calls = vendorCalls(List.of("gpt-3.5-turbo", "gemini-pro"));
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(List.of("gpt-3.5-turbo", "gemini-pro", "gpt-3.5-turbo"),
                calls.stream().map(c -> c.get("model")).toList());
        assertEquals(List.of(List.of(Map.of("role", "user", "content", "Hello!")),
                        List.of(Map.of("role", "user", "content", "Hello!")),
                        List.of(Map.of("role", "user", "content", "Tell me a story"))),
                calls.stream().map(c -> c.get("messages")).toList());
        assertEquals(0.7, ((Number) calls.get(0).get("temperature")).doubleValue());
        assertEquals(0.7, ((Number) calls.get(1).get("temperature")).doubleValue());
        assertEquals(false, Boolean.TRUE.equals(calls.get(0).get("stream")));
        assertEquals(true, calls.get(2).get("stream"));
    }

    @Test
    void the_prompt_lab_documents_quick_start_curl_commands_run_as_written_without_a_token() throws Exception {
        String lab = platform.surface("prompt-lab").url();
        userState(lab);
        List<String> commands = QuickStartCommands.withoutGitSignIn(resource("/seed-000/quick-start.md"));
        assertEquals(18, commands.size(), String.join("\n\n", commands));
        Path curlHome = Files.createDirectories(root.resolve("curl-home"));
        Files.writeString(curlHome.resolve(".curlrc"), "silent\nshow-error\nwrite-out = \"%{stderr}%{http_code}\"\n");
        List<ExampleRuns.Run> runs = new ArrayList<>();
        for (String command : commands) {
            assertTrue(command.contains(SEED_LAB_URL), command);
            String script = QuickStartCommands.asMeant(command).replace(SEED_LAB_URL, lab);
            runs.add(ExampleRuns.run(List.of("bash", "-c", script), root, Map.of("CURL_HOME", curlHome.toString()),
                    RUN_SECONDS));
        }
        QuickStartAnswers answers = new QuickStartAnswers(json, runs, BACKEND.baseUrl() + "/backend");
        answers.projectsAndPrompts();
        answers.backendTests();
        answers.generations();
        List<String> evalIds = answers.evaluations();
        answers.testSettings();
        answers.promotionsWithoutRepository();
        answers.gitStatusWithoutSignIn();

        List<LoggedRequest> backend = BACKEND.findAll(postRequestedFor(urlEqualTo("/backend")));
        assertEquals(List.of("Help me with Python debugging",
                        "Debug this Python code: def factorial(n):\n    if n == 0:\n        return 1\n    return n * factorial(n-1)"),
                backend.stream().map(r -> (String) map(r.getBodyAsString()).get("prompt")).toList());
        List<Map<String, Object>> generated = vendorCalls(List.of(PROJECT_MODEL)).stream()
                .filter(c -> Boolean.TRUE.equals(c.get("stream"))).toList();
        assertEquals(2, generated.size(), generated.toString());
        assertEquals(List.of(Map.of("role", "system", "content", "You are a helpful teacher"),
                Map.of("role", "user", "content", "Explain machine learning in simple terms")),
                generated.get(0).get("messages"));
        assertEquals(Map.of("role", "assistant", "content", "Here's how you write a basic Python function..."),
                ((List<?>) generated.get(1).get("messages")).get(2));
        assertEquals(Map.of("role", "user", "content", "Can you show me an example with error handling?"),
                ((List<?>) generated.get(1).get("messages")).get(3));

        for (String evalId : evalIds) {
            Map<String, Object> done = Await.until(() -> getJson(lab + "/api/projects/1/eval/" + evalId),
                    e -> !"running".equals(e.get("status")), Duration.ofMinutes(3));
            assertEquals("completed", done.get("status"), done.toString());
            Map<?, ?> aggregates = (Map<?, ?>) done.get("aggregates");
            assertEquals(0, ((Number) aggregates.get("failed")).intValue(), done.toString());
            assertEquals(8.0, ((Number) aggregates.get("overall_score")).doubleValue(), done.toString());
        }
    }

    @Test
    void the_orchestrator_documents_test_backend_locally_curl_commands_run_as_written_without_a_token()
            throws Exception {
        String orchestrator = platform.surface("orchestrator").url();
        String block = resource("/seed-002/testing.md");
        List<String> commands = new ArrayList<>();
        for (String paragraph : block.substring(block.indexOf("```bash") + 7, block.lastIndexOf("```")).split("\n\n")) {
            String command = paragraph.lines().filter(l -> !l.startsWith("#")).reduce("", (a, b) -> a + b + "\n")
                    .strip();
            if (command.startsWith("curl ")) {
                commands.add(command);
            } else {
                assertTrue(command.startsWith("websocat "), command);
            }
        }
        assertEquals(3, commands.size(), commands.toString());
        Path curlHome = Files.createDirectories(root.resolve("curl-home-002"));
        Files.writeString(curlHome.resolve(".curlrc"), "silent\nshow-error\nwrite-out = \"%{stderr}%{http_code}\"\n");
        List<ExampleRuns.Run> runs = new ArrayList<>();
        for (String command : commands) {
            assertTrue(command.contains("http://localhost:1336"), command);
            ExampleRuns.Run run = ExampleRuns.run(List.of("bash", "-c",
                    command.replace("http://localhost:1336", orchestrator)), root,
                    Map.of("CURL_HOME", curlHome.toString()), RUN_SECONDS);
            assertEquals(0, run.exitCode(), run.toString());
            assertEquals("200", run.stderr().strip(), run.toString());
            runs.add(run);
        }
        Map<String, Object> health = map(runs.get(0).stdout());
        assertEquals("healthy", health.get("status"), health.toString());
        assertEquals("[]", runs.get(1).stdout().strip(), "no projects yet");
        Map<String, Object> executed = map(runs.get(2).stdout());
        assertEquals(List.of("task_id", "agent", "content", "tokens", "cost", "duration", "session_id", "timestamp",
                "metadata"), List.copyOf(executed.keySet()));
        assertEquals("gemini", executed.get("agent"));
        assertEquals(VendorStubs.reply("gemini-pro"), executed.get("content"));
        assertEquals(17, ((Number) executed.get("tokens")).intValue());
        Map<?, ?> metadata = (Map<?, ?>) executed.get("metadata");
        assertEquals("task type code_generation routes to gemini", metadata.get("routing"));
        assertEquals("gemini-pro", metadata.get("model"));
        List<Map<String, Object>> calls = vendorCalls(List.of("gemini-pro")).stream()
                .filter(c -> c.get("messages").toString().contains("Test task")).toList();
        assertEquals(1, calls.size(), calls.toString());
        assertEquals(Map.of("role", "user", "content", "Test task"), ((List<?>) calls.get(0).get("messages")).get(1));
    }

    /** What the commands refer to, made through the API without a token: project 1, its history, a dataset. */
    private static void userState(String lab) throws Exception {
        Map<String, Object> project = send(lab + "/api/projects", "POST", """
                {"name": "document-summarizer", "provider_id": "%s", "test_backend_url": "%s"}"""
                .formatted(PROJECT_MODEL, BACKEND.baseUrl() + "/backend"), "application/json", 201);
        assertEquals(1, ((Number) project.get("id")).intValue(), "the team's first project: " + project);
        Map<String, Object> prod = send(lab + "/api/projects/1/history", "POST", """
                {"userPrompt": "Summarize this document: {{content}}",
                 "systemPrompt": "You are a production-ready document summarizer", "temperature": 0.6, "maxLen": 800,
                 "topP": 0.85, "topK": 40, "variables": {"content": "Document text here..."}, "response": "A summary."}""",
                "application/json", 201);
        send(lab + "/api/projects/1/history/" + prod.get("id"), "PUT", "{\"is_prod\": true}", "application/json", 200);
        send(lab + "/api/projects/1/history", "POST", """
                {"userPrompt": "Summarize this document: {{content}}",
                 "systemPrompt": "You are a helpful document summarizer", "temperature": 0.7, "maxLen": 1000,
                 "topP": 0.9, "topK": 50, "variables": {"content": "Document text here..."}, "response": "Shorter."}""",
                "application/json", 201);
        send(lab + "/api/projects/1/datasets/custom_evaluation_set", "POST", """
                {"variables": {"summary": "The cat sat on the mat."}, "expected": "8"}
                {"variables": {"summary": "Rates rose by a quarter point."}, "expected": "7"}
                {"variables": {"summary": "It rained."}, "expected": "5"}
                """, "application/x-ndjson", 201);
    }

    /** The vendor's chat-completion requests for these models, in the order received. */
    private static List<Map<String, Object>> vendorCalls(List<String> models) {
        List<LoggedRequest> requests = new ArrayList<>(VENDOR.findAll(postRequestedFor(urlEqualTo("/v1/chat/completions"))));
        Collections.sort(requests, (a, b) -> a.getLoggedDate().compareTo(b.getLoggedDate()));
        for (LoggedRequest request : requests) {
            assertEquals("Bearer " + VENDOR_KEY, request.getHeader("Authorization"));
        }
        return requests.stream().map(r -> map(r.getBodyAsString())).filter(b -> models.contains(b.get("model")))
                .toList();
    }

    static Map<String, Object> map(String body) {
        try {
            return json.readValue(body, Argument.mapOf(String.class, Object.class));
        } catch (IOException e) {
            throw new AssertionError("Not a JSON object: " + body, e);
        }
    }

    private static Map<String, Object> send(String url, String method, String body, String type, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", type)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + url + ": " + response.body());
        return map(response.body());
    }

    private static Map<String, Object> getJson(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + ": " + response.body());
        return map(response.body());
    }

    /** A non-loopback IPv4 address of this machine, or null when it has none (then only loopback can be tried). */
    private static InetAddress nonLoopbackAddress() throws IOException {
        for (NetworkInterface face : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!face.isUp() || face.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(face.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return address;
                }
            }
        }
        return null;
    }

    static String resource(String name) throws IOException {
        try (InputStream in = SeedExamplesWithoutTokenIT.class.getResourceAsStream(name)) {
            assertNotNull(in, "test resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
