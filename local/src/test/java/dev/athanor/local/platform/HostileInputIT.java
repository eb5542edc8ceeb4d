package dev.athanor.local.platform;

import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every operation of every surface, read from the surface's own OpenAPI document, sent what a careless client or an
 * attacker sends: bodies of 64 KB to 1.1 MiB (6.1 MiB for the routes that take up to 6 MiB), 100,000-digit numbers,
 * megabyte keys, malformed and trailing JSON, invalid UTF-8, deep nesting, documents that are not objects, wrong types
 * and nulls in every field the surface knows, huge strings, path tricks, and no credentials. Each request must be
 * answered (a hang fails on the client's timeout), never with a 5xx, in the surface's error shape, with a message that
 * names no Java type or parser position, and with the standard security headers; the surface must still answer
 * afterwards, and an operation whose every answer was an error must have stored nothing. Runs on the platform as the
 * README starts it, data kept in a directory.
 */
class HostileInputIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Long enough for a megabyte body on a busy machine; a route that never answers fails on it. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(30);
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(java\\.|javax\\.|exception|\\[source|streamreadfeature|failed to convert|line: \\d|column: \\d"
                    + "|io\\.micronaut|com\\.fasterxml|unexpected token|\\bnull pointer|at \\w+\\.\\w+\\()");
    /** Routes that answer without credentials by design. */
    private static final Set<String> PUBLIC = Set.of("GET /", "GET /api", "GET /health", "GET /ready",
            "GET /api/health", "GET /api/orchestration/health", "GET /api/v1/llm/health", "GET /api/ws/health",
            // Prometheus scrapers send no token: without one it shows this instance's process and request metrics only
            "GET /api/metrics",
            // the gateway's accounts: the body (or the link) carries the credentials
            "POST /auth/register", "POST /auth/login", "POST /auth/refresh", "POST /auth/logout", "GET /auth/verify",
            // Git hosts' deliveries: the signature of the body (or GitLab's secret header), not a token,
            // authenticates them
            "POST /api/webhooks/github/{hook_id}", "POST /api/git/webhooks/{team_id}");
    /** Routes that take bodies up to 6 MiB (their @BodyLimit), the rest 1 MiB. */
    private static final Set<String> LARGE_BODIES = Set.of("POST /v1/chat/completions", "POST /v1/embeddings");
    /**
     * Routes whose body carries credentials (a password, a refresh token, an invite code) or is signed (a GitHub
     * delivery, refused without its signature): 401/403 answers it.
     */
    private static final Set<String> CREDENTIALS_IN_BODY = Set.of("POST /auth/register", "POST /auth/login",
            "POST /auth/refresh", "POST /api/webhooks/github/{hook_id}", "POST /api/git/webhooks/{team_id}");
    private static final Set<String> NOT_JSON = Set.of("POST /api/projects/{projectId}/datasets/{name}");
    /**
     * Routes served by a server the operator may leave out (Ollama: OLLAMA_BASE_URL, not set here): 503 saying so is
     * their documented answer, not a failure.
     */
    private static final Set<String> UNCONFIGURED_HERE = Set.of("GET /ollama/models", "POST /ollama/generate",
            "POST /ollama/pull", "DELETE /ollama/models/{model_name}");
    /** On every answer, whatever its status (no HSTS: the local platform speaks plain HTTP). */
    private static final Map<String, String> SECURITY_HEADERS = Map.of("X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY", "Content-Security-Policy", "frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer");
    private static final String ADMIN_KEY = "hostile-admin-key";

    private static final Path DATA = Path.of("target", "athanor-hostile-" + UUID.randomUUID());
    private static LocalPlatform platform;
    private static JsonMapper json;
    private static String token;
    private static Map<String, String> pathValues;

    private final List<String> failures = new ArrayList<>();
    private int requests;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalStackExtension.template(), DATA, ADMIN_KEY, port -> -1);
        json = platform.surface("factory").context().getBean(JsonMapper.class);
        token = platform.token("hostile", "admin").token();
        HttpResponse<String> project = send("POST", platform.surface("prompt-lab").url() + "/api/projects",
                "{\"name\": \"fixture\", \"provider_id\": \"sandbox\"}", token);
        assertEquals(201, project.statusCode(), project.body());
        HttpResponse<String> factoryProject = send("POST", platform.surface("factory").url() + "/api/projects",
                "{\"name\": \"Fixture\"}", token);
        assertEquals(201, factoryProject.statusCode(), factoryProject.body());
        pathValues = Map.of("projectId", String.valueOf(map(project).get("id")),
                "project_id", String.valueOf(map(project).get("id")), "project_name", "fixture",
                "provider_id", "sandbox", "agent_id", "dev_agent", "slug", (String) map(factoryProject).get("slug"),
                "name", "openai");
    }

    @AfterAll
    static void stop() throws Exception {
        if (platform != null) {
            platform.close();
        }
        try (Stream<Path> files = Files.walk(DATA)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void no_hostile_body_hangs_fails_or_stores_anything_on_any_body_route_of_any_surface() throws Exception {
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            Map<String, Object> openapi = openapi(surface);
            List<String> fields = fieldNames(openapi);
            for (Operation op : operations(openapi)) {
                if (!Set.of("POST", "PUT", "PATCH").contains(op.method()) || NOT_JSON.contains(op.key())) {
                    continue;
                }
                String url = surface.url() + fill(op.path(), null);
                long before = storedItems();
                boolean anyAccepted = false;
                for (Case c : hostileBodies(fields, LARGE_BODIES.contains(op.key()))) {
                    HttpResponse<byte[]> response = sendBytes(op.method(), url, c.body(), token);
                    anyAccepted |= response.statusCode() < 300;
                    check(surface, op, c.name(), response, c.status());
                }
                if (!anyAccepted) {
                    long after = storedItems();
                    if (after != before) {
                        failures.add(op + ": every answer was an error, yet " + (after - before) + " items were stored");
                    }
                }
                stillAnswering(surface, op);
            }
        }
        report();
    }

    @Test
    void path_tricks_and_missing_credentials_get_clear_answers_on_every_operation() throws Exception {
        List<String> tricks = List.of("..%2F..%2Fetc%2Fpasswd", "%00", "x".repeat(4_000), "%27%20OR%201%3D1--",
                "%F0%9F%94%A5", "-1", "99999999999999999999", "%252e%252e");
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            for (Operation op : operations(openapi(surface))) {
                if (NOT_JSON.contains(op.key())) {
                    continue;
                }
                String body = Set.of("POST", "PUT", "PATCH").contains(op.method()) ? "{}" : null;
                HttpResponse<byte[]> anonymous = sendBytes(op.method(), surface.url() + fill(op.path(), null),
                        body == null ? null : body.getBytes(StandardCharsets.UTF_8), null);
                if (PUBLIC.contains(op.key())) {
                    check(surface, op, "no credentials (public route)", anonymous, 0);
                } else {
                    check(surface, op, "no credentials", anonymous, 401);
                }
                if (!op.path().contains("{")) {
                    continue;
                }
                for (String trick : tricks) {
                    HttpResponse<byte[]> response = sendBytes(op.method(), surface.url() + fill(op.path(), trick),
                            body == null ? null : body.getBytes(StandardCharsets.UTF_8), token);
                    check(surface, op, "path value " + (trick.length() > 40 ? trick.length() + " chars" : trick),
                            response, 0);
                }
                stillAnswering(surface, op);
            }
        }
        report();
    }

    private void report() {
        System.out.println("hostile input: " + requests + " requests, " + failures.size() + " failures");
        if (!failures.isEmpty()) {
            fail(failures.size() + " of " + requests + " answers were wrong:\n" + String.join("\n", failures));
        }
    }

    private record Operation(String method, String path) {
        String key() {
            return method + " " + path;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** A hostile body and the status it must get (0: any 2xx or 4xx but 401/403). */
    private record Case(String name, byte[] body, int status) {
    }

    /** @param large whether the route takes bodies up to 6 MiB (inline images) instead of 1 MiB */
    private static List<Case> hostileBodies(List<String> fields, boolean large) {
        List<Case> cases = new ArrayList<>();
        for (int kb : new int[]{64, 200, 900}) {
            cases.add(new Case(kb + " KB", utf8("{\"padding\": \"" + "p".repeat(kb * 1024 - 20) + "\"}"), 0));
        }
        cases.add(new Case("1.1 MiB", utf8("{\"padding\": \"" + "p".repeat(1_153_434) + "\"}"), large ? 0 : 413));
        if (large) {
            cases.add(new Case("6.1 MiB", utf8("{\"padding\": \"" + "p".repeat(6_396_314) + "\"}"), 413));
        }
        cases.add(new Case("100,000-digit number", utf8("{\"n\": " + "9".repeat(100_000) + "}"), 400));
        cases.add(new Case("100,000-digit fraction", utf8("{\"n\": 0." + "1".repeat(100_000) + "}"), 400));
        cases.add(new Case("1 MB key", utf8("{\"" + "k".repeat(1_000_000) + "\": 1}"), 400));
        cases.add(new Case("malformed", utf8("{\"name\": "), 400));
        cases.add(new Case("trailing content", utf8("{\"a\": 1}}"), 400));
        cases.add(new Case("two documents", utf8("{\"a\": 1} {\"b\": 2}"), 400));
        cases.add(new Case("nested 100 deep", utf8("[".repeat(100) + "]".repeat(100)), 400));
        byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        cases.add(new Case("invalid UTF-8", latin1, 400));
        for (String notObject : List.of("[]", "\"text\"", "42", "null", "true")) {
            cases.add(new Case("document " + notObject, utf8(notObject), 0));
        }
        List<Object> wrong = List.of(12345, "text", true, List.of(1, 2), Map.of("a", 1), -1e308, 1e308,
                Long.MIN_VALUE);
        for (int shift = 0; shift < wrong.size(); shift++) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (int i = 0; i < fields.size(); i++) {
                body.put(fields.get(i), wrong.get((i + shift) % wrong.size()));
            }
            cases.add(new Case("wrong types #" + shift, utf8(write(body)), 0));
        }
        Map<String, Object> nulls = new LinkedHashMap<>();
        fields.forEach(f -> nulls.put(f, null));
        cases.add(new Case("every field null", utf8(write(nulls)), 0));
        Map<String, Object> huge = new LinkedHashMap<>();
        int each = Math.max(1, 900_000 / Math.max(1, fields.size()));
        fields.forEach(f -> huge.put(f, "h".repeat(each)));
        cases.add(new Case("huge strings", utf8(write(huge)), 0));
        return cases;
    }

    private void check(LocalPlatform.Surface surface, Operation op, String what, HttpResponse<byte[]> response,
                       int expected) {
        requests++;
        int status = response.statusCode();
        String body = new String(response.body(), StandardCharsets.UTF_8);
        String where = surface.name() + " " + op + " [" + what + "] -> " + status + " "
                + (body.length() > 200 ? body.substring(0, 200) : body);
        if (status >= 500 && !(status == 503 && UNCONFIGURED_HERE.contains(op.key()))) {
            failures.add(where);
            return;
        }
        SECURITY_HEADERS.forEach((name, value) -> {
            if (!response.headers().firstValue(name).equals(Optional.of(value))) {
                failures.add(where + " (" + name + ": " + response.headers().firstValue(name).orElse("none") + ")");
            }
        });
        // a body over the route's own limit is 413 before its content is looked at
        boolean asExpected = expected == 0 ? status != 401 && status != 403 || CREDENTIALS_IN_BODY.contains(op.key())
                : status == expected || (expected == 400 && status == 413);
        if (!asExpected) {
            failures.add(where + " (expected " + (expected == 0 ? "an answer to the caller" : expected) + ")");
            return;
        }
        if (status < 400) {
            return;
        }
        String message = errorMessage(surface, body);
        if (message == null) {
            failures.add(where + " (not the surface's error shape)");
        } else if (INTERNALS.matcher(message).find()) {
            failures.add(where + " (names internals)");
        }
    }

    /** The message of an error body in the surface's shape; null when the body is not in that shape. */
    @SuppressWarnings("unchecked")
    private static String errorMessage(LocalPlatform.Surface surface, String body) {
        Map<String, Object> error;
        try {
            error = json.readValue(body, Map.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (error == null) {
            return null;
        }
        if (surface.name().equals("actions")) {
            return "error".equals(error.get("status")) && error.get("error") instanceof Map<?, ?> inner
                    && inner.get("message") instanceof String message ? message : null;
        }
        return error.get("detail") instanceof String detail && !detail.isBlank() ? detail : null;
    }

    private void stillAnswering(LocalPlatform.Surface surface, Operation after) throws Exception {
        HttpResponse<String> openapi = send("GET", surface.url() + "/openapi.json", null, null);
        if (openapi.statusCode() != 200) {
            failures.add(surface.name() + " stopped answering after " + after + ": " + openapi.statusCode());
        }
    }

    /** Items in every table of the stack (a count, without reading them). */
    private static long storedItems() {
        DynamoDbClient dynamo = platform.stack().dynamo();
        long total = 0;
        for (String table : dynamo.listTables().tableNames()) {
            total += dynamo.scan(b -> b.tableName(table).select(Select.COUNT)).count();
        }
        return total;
    }

    private static String fill(String path, String trick) {
        StringBuilder filled = new StringBuilder();
        var matcher = Pattern.compile("\\{([^}]+)}").matcher(path);
        while (matcher.find()) {
            String value = trick != null ? trick
                    : URLEncoder.encode(pathValues.getOrDefault(matcher.group(1), "1"), StandardCharsets.UTF_8);
            matcher.appendReplacement(filled, java.util.regex.Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> openapi(LocalPlatform.Surface surface) throws Exception {
        HttpResponse<String> response = send("GET", surface.url() + "/openapi.json", null, null);
        assertEquals(200, response.statusCode(), surface.name());
        return json.readValue(response.body(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(Map<String, Object> openapi) {
        List<Operation> operations = new ArrayList<>();
        new TreeMap<>((Map<String, Map<String, Object>>) openapi.get("paths")).forEach((path, methods) ->
                methods.keySet().stream().filter(m -> Set.of("get", "post", "put", "patch", "delete").contains(m))
                        .forEach(m -> operations.add(new Operation(m.toUpperCase(), path))));
        assertTrue(!operations.isEmpty());
        return operations;
    }

    /**
     * Every property name of the surface's schemas, and the fields the seeds' bodies use most, so that each route
     * (whether its body is documented as a schema or read field by field) meets its own fields with wrong values.
     */
    @SuppressWarnings("unchecked")
    private static List<String> fieldNames(Map<String, Object> openapi) {
        Set<String> names = new LinkedHashSet<>(List.of("name", "description", "provider_id", "prompt",
                "user_prompt", "system_prompt", "model", "messages", "temperature", "max_tokens", "max_len", "top_p",
                "top_k", "status", "test_backend_url", "llamastack_url", "git_repo_url", "base_url", "api_key",
                "enabled", "team_id", "role", "daily_cost_limit", "variables", "samples", "dataset", "judge",
                "response", "tags", "rating", "notes", "stream", "kind", "default_model"));
        Map<String, Object> components = (Map<String, Object>) openapi.getOrDefault("components", Map.of());
        Map<String, Object> schemas = (Map<String, Object>) components.getOrDefault("schemas", Map.of());
        for (Object schema : schemas.values()) {
            Object properties = ((Map<String, Object>) schema).get("properties");
            if (properties instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> names.add((String) k));
            }
        }
        return List.copyOf(names);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(HttpResponse<String> response) throws IOException {
        return json.readValue(response.body(), Map.class);
    }

    private static String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(String method, String url, String body, String bearer) throws Exception {
        return send(method, url, body == null ? null : utf8(body), bearer, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> sendBytes(String method, String url, byte[] body, String bearer)
            throws Exception {
        return send(method, url, body, bearer, HttpResponse.BodyHandlers.ofByteArray());
    }

    private static <T> HttpResponse<T> send(String method, String url, byte[] body, String bearer,
                                            HttpResponse.BodyHandler<T> handler) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(ANSWER_WITHIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            // the admin key too, for the one route that takes it instead of a token
            request.header("Authorization", "Bearer " + bearer).header("X-Admin-Key", ADMIN_KEY);
        }
        try {
            return HTTP.send(request.build(), handler);
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError(method + " " + url.substring(0, Math.min(url.length(), 120))
                    + " got no answer within " + ANSWER_WITHIN.toSeconds() + " s", e);
        }
    }
}
