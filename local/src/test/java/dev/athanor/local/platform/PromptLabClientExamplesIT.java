package dev.athanor.local.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.athanor.model.git.GitPlatform;
import dev.athanor.testkit.LocalStackExtension;
import dev.athanor.testkit.git.GitHostFake;
import dev.athanor.testkit.git.GitHttpServer;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client examples of the prompt lab's seed document ("Example Integration": a Python client using
 * {@code requests} and a JavaScript client reading the {@code test-backend} event stream with fetch) run as written
 * against the local platform. {@code seed-000/example.py} and {@code example.mjs} are byte-for-byte copies of the
 * seed's code blocks; at run time only their base URLs are changed ({@code http://localhost:3001} to the prompt lab,
 * {@code http://localhost:8000} to a backend started here), and a prelude ({@code with_token.py},
 * {@code with_token.mjs}) adds the team's bearer token to each prompt lab request without touching the example.
 * The examples run in {@code python3} (with {@code requests}) and {@code node} (18 or later, for fetch); a machine
 * without them fails here rather than skipping. The Python example signs in to GitHub with the document's
 * placeholder account and reads the project's pending pull requests: the platform's GitHub API is a fake of the
 * host's REST API that knows that account, and the project's repository is on a real Git server started here, where
 * the production prompt was promoted by a pull request the fake reports merged (so {@code /prod} serves it from Git)
 * while the pull request proposing the project's folder is still open.
 */
class PromptLabClientExamplesIT {

    private static final String SEED_LAB_URL = "http://localhost:3001";
    private static final String SEED_BACKEND_URL = "http://localhost:8000";
    private static final String PROD_PROMPT = "Help me with {{task}}";
    private static final String LATEST_PROMPT = "Explain {{topic}} step by step";
    /** What the backend streams: pieces with blanks at their ends and JSON-escaped quotes. */
    private static final List<String> BACKEND_TOKENS =
            List.of("Set ", "a breakpoint ", "on the \"failing\" line", ", then step ", "through it.");
    private static final long RUN_SECONDS = 90;

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<String> BACKEND_REQUESTS = new CopyOnWriteArrayList<>();
    private static LocalPlatform platform;
    private static final String GIT_USER = "your-username";
    private static final String GIT_TOKEN = "your-personal-access-token";
    private static final String REPO = "acme/prompts";
    private static HttpServer backend;
    private static GitHttpServer git;
    private static GitHostFake hosts;
    private static JsonMapper json;
    private static String labUrl;
    private static String token;
    private static String projectPath;

    @TempDir
    Path work;

    @BeforeAll
    static void start() throws Exception {
        git = GitHttpServer.start().user(GIT_USER, GIT_TOKEN).grant(GIT_TOKEN, REPO, true);
        git.createRepository(REPO, "main", true);
        hosts = GitHostFake.start().user(GitPlatform.GITHUB, GIT_USER, GIT_TOKEN).repository(REPO, "main")
                .grant(GIT_TOKEN, REPO, true);
        platform = LocalPlatform.start(LocalStackExtension.template(), null, "it-admin-key", port -> -1, null,
                Map.of("athanor.git.github-api-url", hosts.githubApiUrl(),
                        "athanor.git.workspace-dir", Files.createTempDirectory("athanor-git").toString()));
        json = platform.surface("prompt-lab").context().getBean(JsonMapper.class);
        labUrl = platform.surface("prompt-lab").url();
        backend = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        backend.createContext("/", PromptLabClientExamplesIT::answerWithEvents);
        backend.start();
        token = platform.token("seed-examples-" + System.nanoTime(), "admin").token();
        userState();
    }

    @AfterAll
    static void stop() throws Exception {
        if (backend != null) {
            backend.stop(0);
        }
        if (platform != null) {
            platform.close();
        }
        if (hosts != null) {
            hosts.close();
        }
        if (git != null) {
            git.close();
        }
    }

    @BeforeEach
    void forgetBackendRequests() {
        BACKEND_REQUESTS.clear();
    }

    /**
     * What a user has before running the examples: a Git sign-in, one project on a repository (the pull request
     * adding its folder still open), a prompt promoted to production by a merged pull request, a newer prompt.
     */
    private static void userState() throws Exception {
        send("POST", "/api/git/auth", """
                {"platform": "github", "username": "%s", "access_token": "%s"}""".formatted(GIT_USER, GIT_TOKEN), 200);
        Map<String, Object> project = send("POST", "/api/projects", """
                {"name": "coding-assistant", "provider_id": "sandbox", "description": "Seed examples",
                 "git_repo_url": "%s"}""".formatted(git.cloneUrl(REPO)), 201);
        projectPath = "/api/projects/" + project.get("id");
        Map<String, Object> prod = send("POST", projectPath + "/history", """
                {"userPrompt": "%s", "systemPrompt": "You are a helpful coding assistant",
                 "variables": {"task": "JavaScript debugging"}, "temperature": 0.7, "maxLen": 500, "topP": 0.9,
                 "topK": 50, "response": "Open the developer tools first."}""".formatted(PROD_PROMPT), 201);
        Map<String, Object> promoted = send("POST", projectPath + "/history/" + prod.get("id") + "/tag-prod", "{}",
                200);
        long number = ((Number) promoted.get("pr_number")).longValue();
        hosts.merge(GitPlatform.GITHUB, REPO, number, git.merge(REPO, (String) promoted.get("branch"), "main"));
        send("POST", projectPath + "/sync-prs", "{}", 200);
        send("POST", projectPath + "/history", """
                {"userPrompt": "%s", "variables": {"topic": "closures"}, "temperature": 0.2,
                 "response": "A closure keeps its scope."}""".formatted(LATEST_PROMPT), 201);
    }

    @Test
    void the_python_example_prints_the_latest_prompt_and_the_production_prompt() throws Exception {
        ExampleRuns.requireTool("python3 with the requests package (pip install requests)",
                "python3", "-c", "import requests");
        ExampleRuns.Run run = runExample("example.py", "with_token.py", "python3");

        String folderPr = hosts.pullRequests(GitPlatform.GITHUB, REPO).get(0).title();
        assertEquals("Add prompt-lab project coding-assistant", folderPr);
        List<String> lines = run.lines();
        assertEquals(List.of(
                "Git authentication successful",
                "Latest prompt: " + LATEST_PROMPT,
                "Is production: False",
                "Production prompt: " + PROD_PROMPT,
                "Source: Git repository",
                "Pending PRs: 1"), lines.subList(0, Math.min(6, lines.size())), run.toString());
        assertEquals(7, lines.size(), run.toString());
        assertTrue(lines.get(6).startsWith("  - PR #1: http"), run.toString());
        assertEquals(List.of(), BACKEND_REQUESTS, "the Python example calls no backend");
    }

    @Test
    void the_javascript_example_prints_both_prompts_and_every_backend_token_through_to_the_end() throws Exception {
        ExampleRuns.requireTool("node 18 or later (for fetch)", "node", "-e",
                "process.exit(Number(process.versions.node.split('.')[0]) >= 18 ? 0 : 1)");
        ExampleRuns.Run run = runExample("example.mjs", "with_token.mjs", "node");

        List<String> lines = run.lines();
        assertEquals(List.of("Latest prompt: " + LATEST_PROMPT, "Is production: false",
                "Production prompt: " + PROD_PROMPT), lines.subList(0, Math.min(3, lines.size())), run.toString());
        List<String> tokens = lines.stream().filter(line -> line.startsWith("Token: "))
                .map(line -> line.substring("Token: ".length())).toList();
        assertEquals(String.join("", BACKEND_TOKENS), String.join("", tokens), run.toString());
        assertEquals("Response complete", lines.get(lines.size() - 1), run.toString());
        assertEquals(3 + tokens.size() + 1, lines.size(), "nothing else is printed: " + run);

        assertEquals(1, BACKEND_REQUESTS.size(), "one call of the backend: " + BACKEND_REQUESTS);
        Map<String, Object> sent = json.readValue(BACKEND_REQUESTS.get(0), Argument.mapOf(String.class, Object.class));
        assertEquals("Help me with JavaScript debugging", sent.get("prompt"), BACKEND_REQUESTS.get(0));
        assertEquals("You are a helpful coding assistant", sent.get("system_prompt"));
        assertEquals(Map.of("task", "JavaScript debugging"), sent.get("variables"));
        assertEquals(0.7, ((Number) sent.get("temperature")).doubleValue());
        assertEquals(500, ((Number) sent.get("max_len")).intValue());
        assertEquals(0.9, ((Number) sent.get("top_p")).doubleValue());
        assertEquals(50, ((Number) sent.get("top_k")).intValue());

        List<Map<String, Object>> tests = json.readValue(get(projectPath + "/backend-history"),
                Argument.listOf(Argument.mapOf(String.class, Object.class)));
        assertEquals(1, tests.size(), "the test is kept in the backend-test history");
        assertEquals(String.join("", BACKEND_TOKENS), tests.get(0).get("backend_response"), tests.toString());
    }

    /** The backend the JavaScript example names: answers {@code POST /} with this API's own token events. */
    private static void answerWithEvents(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().equals("/")) {
                BACKEND_REQUESTS.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body);
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            BACKEND_REQUESTS.add(body);
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (String piece : BACKEND_TOKENS) {
                String event = json.writeValueAsString(Map.of("type", "token", "content", piece));
                out.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    /** Copies an example with its base URLs moved to this run's servers, then runs it behind its token prelude. */
    private ExampleRuns.Run runExample(String example, String prelude, String interpreter) throws Exception {
        String text = resource(example);
        assertTrue(text.contains(SEED_LAB_URL), example + " names the prompt lab as the seed does");
        Path script = work.resolve(example);
        Files.writeString(script, text.replace(SEED_LAB_URL, labUrl)
                .replace(SEED_BACKEND_URL, "http://localhost:" + backend.getAddress().getPort()));
        Path wrapper = work.resolve(prelude);
        Files.writeString(wrapper, resource(prelude));

        List<String> command = List.of(interpreter, wrapper.toString(), script.toString());
        return ExampleRuns.run(command, work, Map.of("ATHANOR_TOKEN", token, "ATHANOR_BASE_URL", labUrl,
                "PYTHONIOENCODING", "utf-8"), RUN_SECONDS);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PromptLabClientExamplesIT.class.getResourceAsStream("/seed-000/" + name)) {
            if (in == null) {
                throw new IOException("No test resource seed-000/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Object> send(String method, String path, String body, int expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(labUrl + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    private static String get(String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(labUrl + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return response.body();
    }
}
