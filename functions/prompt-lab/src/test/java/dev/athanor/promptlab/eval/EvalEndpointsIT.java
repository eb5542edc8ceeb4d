package dev.athanor.promptlab.eval;

import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.model.promptlab.PromptProject;
import dev.athanor.model.promptlab.PromptProjectDraft;
import dev.athanor.model.promptlab.PromptProjectStore;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The evaluation endpoints through the prompt lab's Lambda handler on the embedded stack: starting answers at once
 * with a running evaluation (the prompt lab's worker runs it; see PromptEvaluationIT), reading it back and the
 * history, validation, unknown projects, and team datasets uploaded as JSONL or CSV.
 */
@ExtendWith(LocalStackExtension.class)
class EvalEndpointsIT {

    private static LambdaHttp http;

    private String token;
    private PromptProject project;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("PromptLabFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    @BeforeEach
    void teamWithProject() {
        TeamId team = TeamId.of("eval-http-" + UUID.randomUUID());
        token = http.context().getBean(TokenIssuer.class).issue(team, "admin").token();
        project = http.context().getBean(PromptProjectStore.class).create(team,
                new PromptProjectDraft("document-summarizer", "sandbox", null, null, null, null));
    }

    private LambdaHttp.Response post(String path, String json) {
        return http.send(request("POST", path).bearer(token).json(json));
    }

    private LambdaHttp.Response get(String path) {
        return http.send(request("GET", path).bearer(token));
    }

    private String base() {
        return "/api/projects/" + project.id();
    }

    @Test
    void starting_an_evaluation_answers_at_once_and_it_is_in_the_history() {
        LambdaHttp.Response started = post(base() + "/eval", """
                {"userPrompt": "Summarize: {{text}}", "systemPrompt": "You are a summarization expert",
                 "evalDataset": "xsum", "numSamples": 10, "scoringFunctions": ["relevance", "coherence", "conciseness"],
                 "variables": {"text": "sample text"}}
                """);
        assertEquals(202, started.status(), started.body());
        String id = (String) started.get("eval_id");
        assertEquals("running", started.get("status"));
        assertEquals(10, started.get("num_samples"));
        assertEquals("xsum", started.get("eval_dataset"));
        assertEquals("sandbox", started.get("judge_model"));
        assertEquals(List.of("relevance", "coherence", "conciseness"), started.get("scoring_functions"));
        assertTrue(started.map().containsKey("aggregates"));
        assertNull(started.get("aggregates"));

        LambdaHttp.Response read = get(base() + "/eval/" + id);
        assertEquals(200, read.status(), read.body());
        assertEquals("running", read.get("status"));
        assertEquals(List.of(), read.get("samples"), "no sample has been judged yet");

        LambdaHttp.Response history = get(base() + "/evals");
        assertEquals(200, history.status());
        assertEquals(1, history.list().size());
        assertEquals(id, history.list().get(0).get("eval_id"));
    }

    @Test
    void bad_requests_are_422_and_unknown_projects_404() {
        assertEquals(422, post(base() + "/eval", """
                {"userPrompt": "x {{text}}", "evalDataset": "custom_evaluation_set", "numSamples": 5,
                 "scoringFunctions": ["accuracy"]}
                """).status());
        assertEquals(422, post(base() + "/eval", """
                {"userPrompt": "x", "evalDataset": "xsum", "numSamples": 0, "scoringFunctions": ["accuracy"]}
                """).status());
        LambdaHttp.Response mistyped = post(base() + "/eval", """
                {"userPrompt": "x", "evalDataset": "xsum", "numSamples": "ten", "scoringFunctions": "accuracy"}
                """);
        assertEquals(422, mistyped.status());
        assertEquals("Invalid evaluation: numSamples must be an integer; scoringFunctions must be a list of names",
                mistyped.get("detail"));
        assertEquals(422, post(base() + "/eval", "[1, 2]").status());
        LambdaHttp.Response noFunctions = post(base() + "/eval", """
                {"user_prompt": "x", "eval_dataset": "xsum", "num_samples": 2, "scoring_functions": []}
                """);
        assertEquals(422, noFunctions.status());
        assertTrue(((String) noFunctions.get("detail")).contains("scoringFunctions"), noFunctions.body());
        assertEquals(List.of(), get(base() + "/evals").list(), "nothing was started");

        LambdaHttp.Response unknown = post("/api/projects/999999/eval", """
                {"userPrompt": "x", "evalDataset": "xsum", "numSamples": 1, "scoringFunctions": ["accuracy"]}
                """);
        assertEquals(404, unknown.status());
        assertEquals(Map.of("detail", "Project not found"), unknown.map());
        assertEquals(404, get(base() + "/eval/no-such-eval").status());
        assertEquals(404, get("/api/projects/abc/evals").status());
    }

    @Test
    void a_team_dataset_uploaded_as_csv_can_be_evaluated_and_a_bad_line_is_named() {
        LambdaHttp.Response uploaded = http.send(request("POST", base() + "/datasets/support-faq").bearer(token)
                .json("question,expected\n\"How do I reset, quickly?\",Use the link\nWhere is my bill?,Settings\n")
                .header("Content-Type", "text/csv"));
        assertEquals(201, uploaded.status(), uploaded.body());
        assertEquals(2, uploaded.get("samples"));

        LambdaHttp.Response bad = http.send(request("POST", base() + "/datasets/broken").bearer(token)
                .json("{\"question\": \"ok\"}\n{\"question\": \n")
                .header("Content-Type", "application/x-ndjson"));
        assertEquals(422, bad.status(), bad.body());
        assertEquals("Line 2: not valid JSON", bad.get("detail"));

        LambdaHttp.Response latin1 = http.send(request("POST", base() + "/datasets/latin1").bearer(token)
                .bytes("text/csv", "question,expected\nCaf\u00e9?,Oui\n".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(400, latin1.status(), latin1.body());
        assertEquals("The body is not valid UTF-8 text", latin1.get("detail"));

        List<Map<String, Object>> datasets = get(base() + "/datasets").list();
        assertEquals(List.of("xsum", "qa", "support-faq"), datasets.stream().map(d -> d.get("name")).toList());

        LambdaHttp.Response started = post(base() + "/eval", """
                {"userPrompt": "Answer: {{question}}", "evalDataset": "support-faq", "numSamples": 50,
                 "scoringFunctions": ["accuracy"]}
                """);
        assertEquals(202, started.status(), started.body());
        assertEquals(2, started.get("num_samples"), "as many samples as the dataset has");
    }
}
