package dev.athanor.orchestrator.hrm;

import dev.athanor.model.TeamId;
import dev.athanor.model.orchestrator.OrchestratorTask;
import dev.athanor.model.orchestrator.TaskIteration;
import dev.athanor.model.orchestrator.TaskStatus;
import dev.athanor.model.orchestrator.TaskStore;
import dev.athanor.orchestrator.hrm.HrmTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.orchestrator.hrm.HrmTesting.newCaller;
import static dev.athanor.orchestrator.hrm.HrmTesting.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The impact simulation and the impact estimate of a config change through the orchestrator's Lambda handler, on a
 * task history stored through the context's {@link TaskStore}. The history's figures are those worked out by hand in
 * {@code ImpactModelTest}: A reaches 0.8 at its 2nd iteration (1.00 USD, 1000 tokens, 100 s each), B never passes 0.7
 * in 4 (0.50 USD, 500 tokens, 50 s), C scores 0.9 at once (2.00 USD, 3000 tokens, 200 s).
 */
@ExtendWith(LocalStackExtension.class)
class HrmSimulationApiIT {

    /** Gate 0.85 within 3 iterations and 2.50 USD, against the defaults (0.75, 7, 5.00 USD). */
    private static final String STRICT_AND_CHEAP = """
            {"deep_supervision": {"quality_gate_threshold": 0.85}, "ml_iteration_prediction": {"max_iterations": 3},
             "agent_switching": {"cost_ceiling": 2.5}}""";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("OrchestratorFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response simulate(Caller caller, String body) {
        return HrmTesting.send(http, caller, "POST", "/api/hrm/simulate", body);
    }

    /** A finished task of {@code project}, created at {@code created}, whose iterations score {@code qualities}. */
    private static void task(Caller caller, String project, Instant created, double cost, long tokens,
                             double seconds, double... qualities) {
        List<TaskIteration> iterations = new ArrayList<>();
        for (int i = 0; i < qualities.length; i++) {
            iterations.add(new TaskIteration(1, i + 1, "claude", null, "model", qualities[i], true, 0, null, tokens,
                    cost, seconds, null, created));
        }
        OrchestratorTask.Builder task = new OrchestratorTask(UUID.randomUUID().toString(), project, 1, "Task", null,
                List.of(), TaskStatus.COMPLETED, "claude", 0, qualities.length, 7, qualities[qualities.length - 1],
                qualities[qualities.length - 1], true, 0, created, created, seconds * qualities.length, 0,
                cost * qualities.length, created, created).change();
        task.iterations.addAll(iterations);
        task.runs = 1;
        http.context().getBean(TaskStore.class).create(TeamId.of(caller.team()), task.build());
    }

    /** Tasks A, B and C of {@code project}, created now. */
    private static void history(Caller caller, String project) {
        Instant now = Instant.now();
        task(caller, project, now, 1.0, 1000, 100, 0.6, 0.8, 0.9);
        task(caller, project, now, 0.5, 500, 50, 0.5, 0.6, 0.7, 0.7);
        task(caller, project, now, 2.0, 3000, 200, 0.9);
    }

    private static Map<String, Object> metric(double current, double predicted, double changePercent,
                                              double confidence) {
        Map<String, Object> metric = new LinkedHashMap<>();
        metric.put("current", current);
        metric.put("predicted", predicted);
        metric.put("change_percent", changePercent);
        metric.put("confidence", confidence);
        return metric;
    }

    private static Map<String, Object> answer(Map<String, Object> cost, Map<String, Object> speed,
                                              Map<String, Object> quality, Map<String, Object> tokens,
                                              List<String> recommendations, List<String> warnings) {
        Map<String, Object> analysis = new LinkedHashMap<>();
        analysis.put("cost", cost);
        analysis.put("speed", speed);
        analysis.put("quality", quality);
        analysis.put("tokens", tokens);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("impact_analysis", analysis);
        answer.put("recommendations", recommendations);
        answer.put("warnings", warnings);
        return answer;
    }

    /** Key order included: the document's order of fields. */
    private static void assertAnswer(Map<String, Object> expected, LambdaHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        assertEquals(expected, response.map());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(response.map().keySet()));
        assertEquals(List.of("cost", "speed", "quality", "tokens"),
                List.copyOf(((Map<?, ?>) response.get("impact_analysis")).keySet()));
    }

    @Test
    void the_teams_recent_finished_tasks_are_replayed_under_both_configs_and_other_teams_tasks_do_not_count() {
        Caller caller = newCaller(http);
        Caller other = newCaller(http);
        String project = project(http, caller);
        history(caller, project);
        // far cheaper and better: it would change every figure if it counted
        task(caller, project, Instant.now().minus(Duration.ofDays(100)), 0.01, 10, 1, 0.99);
        task(other, project(http, other), Instant.now(), 0.01, 10, 1, 0.99);

        var answer = simulate(caller, "{\"proposed_config\": " + STRICT_AND_CHEAP + "}");
        var elsewhere = simulate(caller, "{\"project_id\": \"" + project(http, caller) + "\", \"proposed_config\": "
                + STRICT_AND_CHEAP + "}");
        var othersProject = simulate(other, "{\"project_id\": \"" + project + "\", \"proposed_config\": {}}");

        assertAnswer(answer(metric(2.5, 1.8333, -26.7, 0.2), metric(250.0, 183.3, 26.7, 0.2),
                metric(0.8, 0.8, 0.0, 0.21), metric(2833.0, 2167.0, -23.5, 0.18),
                List.of("Excellent cost optimization: 27% reduction predicted", "Speed improvement of 27% predicted",
                        "Token reduction of 24% predicted"),
                List.of("2 of 3 tasks would stop below the quality gate of 0.85 (max_iterations 3, cost_ceiling "
                                + "2.50 USD)", "The cost ceiling of 2.50 USD would cut 1 of 3 tasks short",
                        "Only 3 tasks to estimate from: the estimate is rough")), answer);
        assertEquals(noHistory(0, 0), elsewhere.map(), "another project of the team has no history");
        assertEquals(404, othersProject.status(), othersProject.body());
        assertEquals(Map.of("detail", "Project not found"), othersProject.map());
    }

    @Test
    void a_config_change_answers_with_the_estimate_of_that_change_on_the_projects_history() {
        Caller caller = newCaller(http);
        String project = project(http, caller);
        history(caller, project);

        var applied = HrmTesting.send(http, caller, "POST", "/api/hrm/config",
                "{\"project_id\": \"" + project + "\", \"config\": " + STRICT_AND_CHEAP + "}");
        // the change back, from the stored config to the project's current one given as the starting point
        var back = simulate(caller, "{\"project_id\": \"" + project + "\", \"proposed_config\": {\"deep_supervision\":"
                + " {\"quality_gate_threshold\": 0.75}, \"ml_iteration_prediction\": {\"max_iterations\": 7},"
                + " \"agent_switching\": {\"cost_ceiling\": 5}}}");

        assertEquals(200, applied.status(), applied.body());
        assertEquals("applied", applied.get("status"));
        assertEquals(Map.of("cost_change", -0.267, "speed_change", 0.267, "quality_change", 0.0,
                "token_reduction", 0.235), applied.get("impact_estimate"));
        assertEquals(200, back.status(), back.body());
        assertEquals(metric(1.8333, 2.5, 36.4, 0.18), ((Map<?, ?>) back.get("impact_analysis")).get("cost"));
    }

    @Test
    void without_history_the_task_context_is_both_current_and_predicted_with_no_confidence() {
        Caller caller = newCaller(http);

        var answer = simulate(caller, """
                {"current_config": {"ml_iteration_prediction": {"max_iterations": 5}},
                 "proposed_config": {"ml_iteration_prediction": {"max_iterations": 3}},
                 "task_context": {"complexity": 10.0, "estimated_duration": 450, "current_quality": 0.87}}""");

        assertAnswer(noHistory(450.0, 0.87), answer);
    }

    private static Map<String, Object> noHistory(double seconds, double quality) {
        return answer(metric(0.0, 0.0, 0.0, 0.0), metric(seconds, seconds, 0.0, 0.0),
                metric(quality, quality, 0.0, 0.0), metric(0.0, 0.0, 0.0, 0.0), List.of(),
                List.of("No task history to estimate from (no finished tasks in the last 90 days): the predictions "
                        + "are the current values"));
    }

    @Test
    void settings_and_task_context_out_of_range_are_422_naming_each_and_a_proposed_config_is_required() {
        Caller caller = newCaller(http);

        var outOfRange = simulate(caller, """
                {"current_config": {"caching": {"max_size_mb": 99}},
                 "proposed_config": {"ml_iteration_prediction": {"max_iterations": 21},
                                     "deep_supervision": {"quality_gate_threshold": 1.5}, "tuning": {}},
                 "task_context": {"complexity": 0, "current_quality": 2, "budget": 3}}""");
        var missing = simulate(caller, "{\"current_config\": {}}");

        assertEquals(422, outOfRange.status(), outOfRange.body());
        assertEquals(Map.of("detail", "Invalid simulation: current_config.caching.max_size_mb must be between 100 "
                + "and 5000; proposed_config.ml_iteration_prediction.max_iterations must be between 2 and 20; "
                + "proposed_config.deep_supervision.quality_gate_threshold must be between 0.0 and 1.0; "
                + "proposed_config.tuning is not an HRM setting; task_context.budget is not a task context field; "
                + "task_context.complexity must be greater than 0; task_context.current_quality must be between 0.0 "
                + "and 1.0"), outOfRange.map());
        assertEquals(422, missing.status(), missing.body());
        assertEquals(Map.of("detail", "Invalid simulation: proposed_config is required"), missing.map());
    }
}
