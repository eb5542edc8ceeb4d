package dev.athanor.local.platform;

import dev.athanor.model.TeamId;
import dev.athanor.model.usage.UsageEvent;
import dev.athanor.model.usage.UsageLedger;
import dev.athanor.model.usage.UsagePublisher;
import dev.athanor.model.usage.UsageSummary;
import dev.athanor.testkit.Await;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole local platform, in memory on free ports, exercised over HTTP as a client would. */
class LocalPlatformIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static LocalPlatform platform;

    @BeforeAll
    static void start() throws Exception {
        platform = LocalPlatform.start(LocalStackExtension.template(), null, "it-admin-key", port -> -1);
    }

    @AfterAll
    static void stop() throws Exception {
        platform.close();
    }

    private static HttpResponse<String> get(String url, String bearer) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, Map<String, String> headers, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mintToken(String team) throws Exception {
        HttpResponse<String> response = post(platform.surface("factory").url() + "/api/auth/token",
                Map.of("X-Admin-Key", "it-admin-key"), "{\"team_id\":\"" + team + "\",\"role\":\"admin\"}");
        assertEquals(200, response.statusCode(), response.body());
        String body = response.body();
        int start = body.indexOf("\"token\":\"") + 9;
        return body.substring(start, body.indexOf('"', start));
    }

    @Test
    void a_page_of_another_site_is_refused_in_the_surface_shape_and_a_local_ui_is_answered() throws Exception {
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            String url = surface.url() + "/openapi.json";
            HttpResponse<String> foreign = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Origin", "https://attacker.example").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, foreign.statusCode(), surface.name());
            assertTrue(foreign.body().contains("origin https://attacker.example are not allowed"), foreign.body());
            assertTrue(foreign.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), surface.name());
            assertEquals("nosniff", foreign.headers().firstValue("X-Content-Type-Options").orElse(null));

            HttpResponse<String> local = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Origin", "http://localhost:5173").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, local.statusCode(), surface.name() + " " + local.body());
            assertEquals("http://localhost:5173", local.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
    }

    @Test
    void all_five_surfaces_are_up() {
        assertEquals(List.of("prompt-lab", "gateway", "orchestrator", "factory", "actions"),
                platform.surfaces().stream().map(LocalPlatform.Surface::name).toList());
    }

    @Test
    void every_surface_serves_its_documented_health_endpoint() throws Exception {
        Map<String, String> probes = Map.of(
                "prompt-lab", "/api", "gateway", "/health", "orchestrator", "/api/health",
                "factory", "/ready", "actions", "/api/v1/llm/health");
        for (var probe : probes.entrySet()) {
            HttpResponse<String> response = get(platform.surface(probe.getKey()).url() + probe.getValue(), null);
            assertEquals(200, response.statusCode(), probe + " " + response.body());
        }
        assertTrue(get(platform.surface("gateway").url() + "/health", null).body().contains("\"uptime_sec\""));
        assertTrue(get(platform.surface("orchestrator").url() + "/api/orchestration/health", null).body()
                .contains("\"orchestrator\":\"initialized\""));
        assertTrue(get(platform.surface("factory").url() + "/ready", null).body().contains("\"status\":\"ready\""));
    }

    @Test
    void every_surface_serves_its_own_api_docs() throws Exception {
        Map<String, String> titles = Map.of("prompt-lab", "Athanor Prompt Lab API", "gateway", "Athanor LLM Gateway API",
                "orchestrator", "Athanor Orchestrator API", "factory", "Athanor Software Factory API",
                "actions", "Athanor LLM Actions API");
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            HttpResponse<String> spec = get(surface.url() + "/openapi.json", null);
            assertEquals(200, spec.statusCode(), surface.name());
            assertTrue(spec.body().contains(titles.get(surface.name())), surface.name() + ": " + spec.body());
            HttpResponse<String> swagger = get(surface.url() + "/docs", null);
            assertEquals(200, swagger.statusCode(), surface.name());
            assertTrue(swagger.body().contains("/openapi.json"), surface.name());
            assertEquals(200, get(surface.url() + "/docs/res/swagger-ui-bundle.js", null).statusCode(), surface.name());
            assertEquals(200, get(surface.url() + "/redoc", null).statusCode(), surface.name());
        }
    }

    @Test
    void a_token_minted_on_the_factory_is_accepted_by_every_surface() throws Exception {
        String token = mintToken("cross-surface");
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            HttpResponse<String> me = get(surface.url() + "/api/auth/me", token);
            assertEquals(200, me.statusCode(), surface.name() + " " + me.body());
            assertTrue(me.body().contains("\"team_id\":\"cross-surface\""), surface.name() + " " + me.body());
        }
    }

    @Test
    void protected_routes_are_401_without_a_token_in_each_surfaces_error_shape() throws Exception {
        for (LocalPlatform.Surface surface : platform.surfaces()) {
            HttpResponse<String> response = get(surface.url() + "/api/auth/me", null);
            assertEquals(401, response.statusCode(), surface.name());
            String expected = surface.name().equals("actions") ? "\"status\":\"error\"" : "\"detail\"";
            assertTrue(response.body().contains(expected), surface.name() + ": " + response.body());
        }
    }

    @Test
    void unknown_routes_are_404_in_each_surfaces_error_shape() throws Exception {
        HttpResponse<String> detail = get(platform.surface("gateway").url() + "/v9/nothing", null);
        assertEquals(404, detail.statusCode());
        assertTrue(detail.body().contains("\"detail\""), detail.body());
        HttpResponse<String> actions = get(platform.surface("actions").url() + "/api/v1/llm/nothing", null);
        assertEquals(404, actions.statusCode());
        assertTrue(actions.body().contains("\"type\":\"not_found\""), actions.body());
    }

    @Test
    void a_body_over_one_mebibyte_is_413_on_netty_too() throws Exception {
        String token = mintToken("oversize-team");
        HttpResponse<String> response = post(platform.surface("factory").url() + "/api/settings",
                Map.of("Authorization", "Bearer " + token), "{\"note\":\"" + "x".repeat(1_100_000) + "\"}");
        assertEquals(413, response.statusCode());
        assertTrue(response.body().contains("\"detail\""), response.body());
    }

    @Test
    void settings_written_through_the_factory_are_kept_per_team() throws Exception {
        String token = mintToken("platform-team");
        HttpResponse<String> post = post(platform.surface("factory").url() + "/api/settings",
                Map.of("Authorization", "Bearer " + token), "{\"max_repair_attempts\": 2}");
        assertEquals(200, post.statusCode(), post.body());
        assertTrue(get(platform.surface("factory").url() + "/api/settings", token).body().contains("\"max_repair_attempts\":\"2\""));
        assertTrue(get(platform.surface("factory").url() + "/api/settings", mintToken("other-team")).body()
                .contains("\"max_repair_attempts\":\"5\""));
    }

    @Test
    void a_gateway_call_is_metered_through_the_usage_queue_into_the_ledger() throws Exception {
        String team = "metered-" + System.nanoTime();
        String token = mintToken(team);
        Instant before = Instant.now().minusSeconds(1);

        HttpResponse<String> response = post(platform.surface("gateway").url() + "/v1/chat/completions",
                Map.of("Authorization", "Bearer " + token),
                "{\"model\":\"sandbox\",\"messages\":[{\"role\":\"user\",\"content\":\"count me\"}]}");
        assertEquals(200, response.statusCode(), response.body());

        UsageLedger ledger = platform.worker("LedgerFunction").getBean(UsageLedger.class);
        UsageSummary summary = Await.until(() -> ledger.summarize(TeamId.of(team), before,
                Instant.now().plusSeconds(60)), s -> s.totals().calls() > 0, Duration.ofSeconds(30));
        assertEquals(1, summary.totals().calls(), "one call, written once");
        assertTrue(summary.totals().totalTokens() > 0);
        assertEquals("sandbox", summary.byModel().get(0).model());
        assertEquals("sandbox", summary.byModel().get(0).provider());
    }

    @Test
    void the_factory_reads_the_costs_the_ledger_function_writes_to_the_shared_ledger() throws Exception {
        String team = "factory-costs-" + System.nanoTime();
        String token = mintToken(team);
        // a factory phase's call as the LLM core meters it: published to the usage queue, written by the ledger function
        platform.surface("factory").context().getBean(UsagePublisher.class).publish(new UsageEvent("call-" + team,
                team, "factory", null, "my-app", "dev_agent", "openai", "gpt-4o", 1000, 200,
                new BigDecimal("0.0125"), 900, null, "ok", Instant.now()));

        String summary = Await.until(() -> get(platform.surface("factory").url() + "/api/costs/summary", token)
                .body(), s -> s.contains("\"total_calls\":1"), Duration.ofSeconds(30));
        assertEquals("{\"total_cost_usd\":0.0125,\"total_calls\":1,\"avg_cost_per_call\":0.0125,"
                + "\"top_agent\":\"dev_agent\"}", summary);
    }

    @Test
    @SuppressWarnings("unchecked")
    void an_evaluation_started_on_the_prompt_lab_is_run_by_its_worker_with_the_sandbox_as_model_and_judge()
            throws Exception {
        String token = mintToken("eval-" + System.nanoTime());
        Map<String, String> auth = Map.of("Authorization", "Bearer " + token);
        String lab = platform.surface("prompt-lab").url();
        JsonMapper json = platform.surface("prompt-lab").context().getBean(JsonMapper.class);
        HttpResponse<String> created = post(lab + "/api/projects", auth,
                "{\"name\": \"summarizer\", \"provider_id\": \"sandbox\"}");
        assertEquals(201, created.statusCode(), created.body());
        String project = lab + "/api/projects/" + json.readValue(created.body(), Map.class).get("id");

        HttpResponse<String> started = post(project + "/eval", auth, """
                {"userPrompt": "Summarize in one sentence: {{text}}", "evalDataset": "xsum", "numSamples": 20,
                 "scoringFunctions": ["relevance", "conciseness"], "judgeModel": "sandbox"}""");
        assertEquals(202, started.statusCode(), started.body());
        String evalId = (String) json.readValue(started.body(), Map.class).get("eval_id");

        Map<String, Object> done = Await.until(() -> json.readValue(get(project + "/eval/" + evalId, token).body(),
                Map.class), e -> !"running".equals(e.get("status")), Duration.ofMinutes(2));
        assertEquals("completed", done.get("status"), String.valueOf(done));
        List<Map<String, Object>> samples = (List<Map<String, Object>>) done.get("samples");
        assertEquals(20, samples.size());
        Map<String, List<Double>> byFunction = Map.of("relevance", new ArrayList<>(), "conciseness", new ArrayList<>());
        for (Map<String, Object> sample : samples) {
            assertEquals("passed", sample.get("status"), String.valueOf(sample));
            String text = ((Map<String, String>) sample.get("variables")).get("text");
            assertTrue(((String) sample.get("output")).startsWith("[sandbox] "), String.valueOf(sample));
            assertTrue(((String) sample.get("output")).contains(text.split("\\s+")[0]), "the model saw the sample");
            Map<String, Map<String, Object>> scores = (Map<String, Map<String, Object>>) sample.get("scores");
            for (var function : byFunction.entrySet()) {
                Map<String, Object> score = scores.get(function.getKey());
                String reason = (String) score.get("reason");
                // the sandbox judge's reason is its usual reply to the judge prompt; its hash sets the score
                assertTrue(reason.contains("Criterion: " + function.getKey()), reason);
                int hash = Integer.parseUnsignedInt(reason.substring(reason.indexOf("fnv ") + 4,
                        reason.indexOf("fnv ") + 12), 16);
                double value = ((Number) score.get("score")).doubleValue();
                assertEquals(1 + Integer.remainderUnsigned(hash, 10), value, reason);
                function.getValue().add(value);
            }
        }
        Map<String, Object> aggregates = (Map<String, Object>) done.get("aggregates");
        assertEquals(20, aggregates.get("total"));
        assertEquals(20, aggregates.get("passed"));
        assertEquals(0, aggregates.get("failed"));
        Map<String, Number> means = (Map<String, Number>) aggregates.get("mean_scores");
        List<Double> all = new ArrayList<>();
        for (var function : byFunction.entrySet()) {
            assertEquals(mean(function.getValue()), means.get(function.getKey()).doubleValue(), 0.0005);
            all.addAll(function.getValue());
        }
        assertEquals(mean(all), ((Number) aggregates.get("overall_score")).doubleValue(), 0.0005);
        assertTrue(all.stream().distinct().count() > 3, "scores follow the answers: " + all);

        String history = get(project + "/evals", token).body();
        assertTrue(history.contains("\"eval_id\":\"" + evalId + "\"") && history.contains("\"completed\""), history);
    }

    private static double mean(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
