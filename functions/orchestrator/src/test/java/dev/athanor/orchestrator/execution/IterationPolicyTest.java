package dev.athanor.orchestrator.execution;

import dev.athanor.model.orchestrator.HrmConfig;
import dev.athanor.orchestrator.execution.IterationPolicy.Decision;
import dev.athanor.orchestrator.execution.IterationPolicy.Verdict;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The decision after each judged iteration, from the HRM config (defaults: gate 0.75, 7 iterations, drop 0.20). */
class IterationPolicyTest {

    private static final List<String> OTHERS = List.of("claude", "gemini", "copilot");

    private static HrmConfig with(String mode, int max, String strategy, double ceiling, int switches) {
        HrmConfig d = HrmConfig.DEFAULTS;
        return new HrmConfig(d.latentReasoning(), new HrmConfig.MlIterationPrediction(mode, max, 0.8),
                new HrmConfig.AgentSwitching(strategy, 0.2, ceiling, switches), d.deepSupervision(),
                d.parallelEvaluation(), d.caching(), d.bayesianOptimization(), d.rlRefinement(),
                d.prometheusMetrics(), d.multiRepo());
    }

    private static Decision decide(HrmConfig config, int iteration, double quality, Double previous, double spent) {
        return IterationPolicy.decide(config, iteration, quality, previous, false, 0, spent, 0, "gemini", OTHERS,
                List.of("gemini"));
    }

    @Test
    void the_gate_ends_the_task_as_passed_and_under_it_the_task_iterates_until_its_last_iteration() {
        assertEquals(Verdict.PASSED, decide(HrmConfig.DEFAULTS, 2, 0.75, 0.5, 0).verdict());
        Decision again = decide(HrmConfig.DEFAULTS, 2, 0.74, 0.7, 0);
        assertEquals(Verdict.CONTINUE, again.verdict());
        assertEquals("gemini", again.nextAgent());
        Decision last = decide(HrmConfig.DEFAULTS, 7, 0.74, 0.7, 0);
        assertEquals(Verdict.EXHAUSTED, last.verdict());
        assertEquals("quality 0.74 under the gate 0.75 after 7 of 7 iterations", last.reason());
    }

    @Test
    void security_issues_keep_a_task_that_requires_security_from_passing() {
        Decision decision = IterationPolicy.decide(HrmConfig.DEFAULTS, 7, 0.9, 0.8, true, 2, 0, 0, "claude", OTHERS,
                List.of());
        assertEquals(Verdict.EXHAUSTED, decision.verdict());
        assertEquals("quality 0.90 with 2 security issue(s) after 7 of 7 iterations", decision.reason());
    }

    @Test
    void fixed_mode_runs_every_iteration_before_passing() {
        HrmConfig fixed = with("fixed", 3, "adaptive", 5, 3);
        assertEquals(Verdict.CONTINUE, decide(fixed, 2, 0.9, 0.9, 0).verdict());
        assertEquals(Verdict.PASSED, decide(fixed, 3, 0.9, 0.9, 0).verdict());
    }

    @Test
    void the_cost_ceiling_stops_the_task() {
        Decision decision = decide(with("auto", 7, "adaptive", 0.5, 3), 2, 0.5, 0.4, 0.5);
        assertEquals(Verdict.EXHAUSTED, decision.verdict());
        assertEquals("the cost ceiling of $0.50 was reached ($0.5000 spent) at iteration 2 with quality 0.50",
                decision.reason());
    }

    @Test
    void a_drop_beyond_the_threshold_switches_to_an_agent_the_run_has_not_used_within_the_switches_allowed() {
        Decision switched = decide(HrmConfig.DEFAULTS, 2, 0.3, 0.6, 0);
        assertEquals(new Decision(Verdict.CONTINUE, "switched from gemini to claude: quality dropped from 0.60 to 0.30",
                "claude", true), switched);
        assertEquals("copilot", IterationPolicy.decide(HrmConfig.DEFAULTS, 3, 0.3, 0.6, false, 0, 0, 1, "gemini",
                OTHERS, List.of("gemini", "claude")).nextAgent());
        assertEquals(false, decide(HrmConfig.DEFAULTS, 2, 0.45, 0.6, 0).switched(), "a drop of 0.15 is within 0.20");
        assertEquals(false, IterationPolicy.decide(with("auto", 7, "adaptive", 5, 1), 2, 0.3, 0.6, false, 0, 0, 1,
                "gemini", OTHERS, List.of()).switched(), "the one switch allowed was made");
        assertEquals(false, decide(with("auto", 7, "manual", 5, 3), 2, 0.1, 0.9, 0).switched());
        assertEquals("claude", decide(with("auto", 7, "round_robin", 5, 3), 2, 0.5, 0.4, 0).nextAgent());
    }
}
