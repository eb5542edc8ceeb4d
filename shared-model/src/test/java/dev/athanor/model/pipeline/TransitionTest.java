package dev.athanor.model.pipeline;

import dev.athanor.model.pipeline.ExecutionEvent.Abandoned;
import dev.athanor.model.pipeline.ExecutionEvent.Approved;
import dev.athanor.model.pipeline.ExecutionEvent.CancelRequested;
import dev.athanor.model.pipeline.ExecutionEvent.Rejected;
import dev.athanor.model.pipeline.ExecutionEvent.Started;
import dev.athanor.model.pipeline.ExecutionEvent.StepFailed;
import dev.athanor.model.pipeline.ExecutionEvent.StepStarted;
import dev.athanor.model.pipeline.ExecutionEvent.StepSucceeded;
import dev.athanor.model.pipeline.ExecutionEvent.TimedOut;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransitionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** build -> test -> (test failed and fewer than max_fixes fixes: fix -> test) -> review (approval) -> ship */
    private static final PipelineDefinition LOOP = definition("loop", "build", Map.of(
            "build", StateDefinition.task("run", "builder", "build {{name}}", "test"),
            "test", new StateDefinition(StateDefinition.TASK, "run", "tester", "test", new RetryPolicy(3, 10, 2.0, 60), 30,
                    "gate", null, null, null, null, null, null),
            "gate", StateDefinition.choice(List.of(new ChoiceRule(List.of(Condition.variableEquals("verdict", "fail"),
                    Condition.visitsBelow("fix", "max_fixes")), "fix")), "review"),
            "fix", StateDefinition.task("run", "fixer", "fix", "test"),
            "review", StateDefinition.approval("ship it?", "ship", null),
            "ship", StateDefinition.task("run", "shipper", "ship", null)));

    private static PipelineDefinition definition(String id, String start, Map<String, StateDefinition> states) {
        return new PipelineDefinition(id, start, new LinkedHashMap<>(states), null).validate();
    }

    private static Outcome apply(PipelineDefinition d, Execution e, ExecutionEvent event) {
        return Transition.apply(d, e, event);
    }

    private static Execution started(PipelineDefinition d, Map<String, String> vars) {
        return apply(d, Execution.create("ex1", d, vars), new Started(T0)).execution();
    }

    /** Runs the current step to success with the given outputs. */
    private static Outcome pass(PipelineDefinition d, Execution e, Map<String, String> outputs) {
        Execution running = apply(d, e, new StepStarted(e.currentToken(), T0)).execution();
        return apply(d, running, new StepSucceeded(e.currentToken(), T0, outputs, new BigDecimal("0.01")));
    }

    @Test
    void start_enters_the_first_state_and_asks_for_its_step() {
        Outcome outcome = apply(LOOP, Execution.create("ex1", LOOP, Map.of()), new Started(T0));

        assertTrue(outcome.applied());
        assertEquals(List.of(Command.runStep("ex1#1", "build", 1, 0)), outcome.commands());
        assertEquals("build", outcome.execution().current());
        assertEquals(ExecutionStatus.RUNNING, outcome.execution().status());
        assertFalse(outcome.execution().hasStarted());
    }

    @Test
    void a_duplicate_or_stale_step_message_changes_nothing() {
        Execution e = started(LOOP, Map.of());
        Execution afterBuild = pass(LOOP, e, Map.of()).execution();

        Outcome again = apply(LOOP, afterBuild, new StepSucceeded("ex1#1", T0, Map.of(), BigDecimal.ONE));
        Outcome startedAgain = apply(LOOP, afterBuild, new StepStarted("ex1#1", T0));

        assertFalse(again.applied());
        assertFalse(startedAgain.applied());
        assertEquals(afterBuild, again.execution());
        assertTrue(again.commands().isEmpty());
        assertEquals(1, afterBuild.step("build").commits());
    }

    @Test
    void a_retryable_failure_is_tried_again_with_backoff_under_a_new_token_until_attempts_run_out() {
        Execution e = pass(LOOP, started(LOOP, Map.of()), Map.of()).execution(); // now at test, ex1#2
        Outcome first = apply(LOOP, e, new StepFailed("ex1#2", T0, "rate limited", true, BigDecimal.ZERO));
        assertEquals(List.of(Command.runStep("ex1#3", "test", 2, 10)), first.commands());
        assertEquals(StepStatus.PENDING, first.execution().step("test").status());
        assertEquals("rate limited", first.execution().step("test").error());

        Outcome second = apply(LOOP, first.execution(), new TimedOut("ex1#3", T0, 30));
        assertEquals(List.of(Command.runStep("ex1#4", "test", 3, 20)), second.commands());

        Outcome last = apply(LOOP, second.execution(), new StepFailed("ex1#4", T0, "unavailable", true, BigDecimal.ZERO));
        assertEquals(ExecutionStatus.FAILED, last.execution().status());
        assertEquals("test: unavailable", last.execution().error());
        assertEquals(StepStatus.FAILED, last.execution().step("test").status());
        assertEquals(StepStatus.SKIPPED, last.execution().step("ship").status());
        assertEquals(List.of(Command.finished("ex1#4", ExecutionStatus.FAILED, "test: unavailable")), last.commands());
    }

    @Test
    void a_failure_that_is_not_retryable_takes_the_error_route() {
        PipelineDefinition d = definition("routed", "work", Map.of(
                "work", new StateDefinition(StateDefinition.TASK, "run", "a", "p", null, null, null, "cleanup", null, null,
                        null, null, null),
                "cleanup", StateDefinition.task("run", "b", "p", null)));
        Outcome outcome = apply(d, started(d, Map.of()), new StepFailed("ex1#1", T0, "invalid request", false, null));

        assertEquals(List.of(Command.runStep("ex1#2", "cleanup", 1, 0)), outcome.commands());
        assertEquals("invalid request", outcome.execution().vars().get("error"));
        assertEquals("work", outcome.execution().vars().get("failed_state"));
    }

    @Test
    void the_loop_goes_back_at_most_the_allowed_number_of_times() {
        Execution e = pass(LOOP, started(LOOP, Map.of("max_fixes", "2")), Map.of()).execution();
        List<String> visited = new java.util.ArrayList<>();
        for (int i = 0; i < 10 && "test".equals(e.current()) || "fix".equals(e.current()); i++) {
            visited.add(e.current());
            e = pass(LOOP, e, Map.of("verdict", "fail")).execution();
        }
        assertEquals(List.of("test", "fix", "test", "fix", "test"), visited);
        assertEquals("review", e.current());
        assertEquals(2, e.step("fix").visits());
        assertEquals(3, e.step("test").commits());
    }

    @Test
    void an_approval_parks_the_execution_and_only_the_awaited_token_decides_it() {
        Execution e = pass(LOOP, pass(LOOP, started(LOOP, Map.of()), Map.of()).execution(), Map.of("verdict", "pass"))
                .execution();
        assertEquals(ExecutionStatus.WAITING, e.status());
        assertEquals(StepStatus.WAITING, e.step("review").status());
        String token = e.currentToken();

        assertFalse(apply(LOOP, e, new Approved("ex1#1", T0, "ann")).applied());
        Outcome approved = apply(LOOP, e, new Approved(token, T0, "ann"));
        assertEquals(ExecutionStatus.RUNNING, approved.execution().status());
        assertEquals("ship", approved.execution().current());
        assertEquals("ann", approved.execution().vars().get("review.decided_by"));
        assertFalse(apply(LOOP, approved.execution(), new Approved(token, T0, "bob")).applied());

        Outcome rejected = apply(LOOP, e, new Rejected(token, T0, "bob", "not yet"));
        assertEquals(ExecutionStatus.FAILED, rejected.execution().status());
        assertEquals("review rejected by bob: not yet", rejected.execution().error());
    }

    @Test
    void cancel_is_honoured_before_the_next_step_runs_and_when_the_current_one_commits() {
        Execution e = started(LOOP, Map.of());
        Execution flagged = apply(LOOP, e, new CancelRequested(T0)).execution();
        assertTrue(flagged.cancelRequested());
        assertEquals(ExecutionStatus.RUNNING, flagged.status());

        Outcome atStart = apply(LOOP, flagged, new StepStarted("ex1#1", T0));
        assertEquals(ExecutionStatus.CANCELLED, atStart.execution().status());
        assertEquals(StepStatus.CANCELLED, atStart.execution().step("build").status());
        assertEquals(StepStatus.CANCELLED, atStart.execution().step("ship").status());

        Execution running = apply(LOOP, e, new StepStarted("ex1#1", T0)).execution();
        Execution flaggedWhileRunning = apply(LOOP, running, new CancelRequested(T0)).execution();
        Outcome atCommit = apply(LOOP, flaggedWhileRunning, new StepSucceeded("ex1#1", T0, Map.of(), BigDecimal.ZERO));
        assertEquals(ExecutionStatus.CANCELLED, atCommit.execution().status());
        assertEquals(StepStatus.PASSED, atCommit.execution().step("build").status());
        assertEquals(StepStatus.CANCELLED, atCommit.execution().step("test").status());
        assertEquals(List.of(Command.finished("ex1#1", ExecutionStatus.CANCELLED, null)), atCommit.commands());
        assertFalse(apply(LOOP, atCommit.execution(), new CancelRequested(T0)).applied());
    }

    @Test
    void cancel_while_awaiting_approval_ends_at_once() {
        Execution e = pass(LOOP, pass(LOOP, started(LOOP, Map.of()), Map.of()).execution(), Map.of()).execution();
        Outcome outcome = apply(LOOP, e, new CancelRequested(T0));

        assertEquals(ExecutionStatus.CANCELLED, outcome.execution().status());
        assertEquals(StepStatus.CANCELLED, outcome.execution().step("review").status());
        assertEquals(Command.Kind.FINISHED, outcome.commands().get(0).kind());
    }

    @Test
    void an_abandoned_step_fails_the_execution_whatever_its_retry_policy() {
        Outcome outcome = apply(LOOP, started(LOOP, Map.of()), new Abandoned("ex1#1", T0, "boom on every delivery"));

        assertEquals(ExecutionStatus.FAILED, outcome.execution().status());
        assertEquals("build: boom on every delivery", outcome.execution().error());
    }

    @Test
    void a_map_runs_its_task_once_per_item_then_moves_on() {
        PipelineDefinition d = definition("mapped", "each", Map.of(
                "each", new StateDefinition(StateDefinition.MAP, "run", "judge", "judge {{item}}", null, null, "done", null,
                        null, null, null, "rows", null),
                "done", StateDefinition.task("run", "b", "p", null)));
        Execution e = started(d, Map.of("rows.count", "3", "rows.0", "a", "rows.1", "b", "rows.2", "c"));
        List<String> items = new java.util.ArrayList<>();
        while ("each".equals(e.current())) {
            items.add(e.vars().get("item"));
            e = pass(d, e, Map.of()).execution();
        }
        assertEquals(List.of("a", "b", "c"), items);
        assertEquals("done", e.current());
        assertEquals(new BigDecimal("0.03"), e.step("each").costUsd());
        assertEquals(StepStatus.PASSED, e.step("each").status());
    }

    /** each (a map of 5 rows, 2 at a time, 2 tries per row) -> done */
    private static PipelineDefinition concurrentMap(String onError) {
        return definition("fanned", "each", Map.of(
                "each", new StateDefinition(StateDefinition.MAP, "run", "judge", "judge {{item}}",
                        new RetryPolicy(2, 5, 2.0, 60), null, "done", onError, null, null, null, "rows", 2),
                "done", StateDefinition.task("run", "b", "p", null),
                "cleanup", StateDefinition.task("run", "c", "p", null)));
    }

    private static final Map<String, String> FIVE_ROWS = Map.of("rows.count", "5",
            "rows.0", "a", "rows.1", "b", "rows.2", "c", "rows.3", "d", "rows.4", "e");

    private static Outcome succeed(PipelineDefinition d, Execution e, String token, Map<String, String> outputs) {
        Execution running = apply(d, e, new StepStarted(token, T0)).execution();
        return apply(d, running, new StepSucceeded(token, T0, outputs, new BigDecimal("0.01")));
    }

    @Test
    void a_concurrent_map_sends_up_to_max_concurrency_items_and_one_more_as_each_passes_then_moves_on() {
        PipelineDefinition d = concurrentMap(null);
        Outcome start = apply(d, Execution.create("ex1", d, FIVE_ROWS), new Started(T0));
        Execution e = start.execution();
        assertEquals(List.of(Command.runStep("ex1#1", "each", 1, 0), Command.runStep("ex1#2", "each", 1, 0)),
                start.commands());
        assertEquals("b", e.forStep("ex1#2", d.state("each")).vars().get("item"));

        // the second item passes first: the third is sent, sent by it
        Outcome second = succeed(d, e, "ex1#2", Map.of("row.1", "ok"));
        assertEquals(List.of(Command.runStep("ex1#3", "each", 1, 0)), second.commands());
        e = second.execution();
        assertEquals("c", e.forStep("ex1#3", d.state("each")).vars().get("item"));
        assertEquals("ex1#2", e.branch("ex1#3").dispatchedBy());
        assertFalse(e.isLive("ex1#2"), "a passed item's message is stale");
        assertFalse(apply(d, e, new StepSucceeded("ex1#2", T0, Map.of(), BigDecimal.ONE)).applied());
        assertTrue(e.isLive("ex1#1") && e.isLive("ex1#3"));

        e = succeed(d, e, "ex1#1", Map.of("row.0", "ok")).execution();
        e = succeed(d, e, "ex1#3", Map.of("row.2", "ok")).execution();
        assertEquals(java.util.Set.of("ex1#4", "ex1#5"), e.branches().keySet());
        e = succeed(d, e, "ex1#5", Map.of("row.4", "ok")).execution();
        assertEquals("each", e.current(), "the map waits for its last item");
        Outcome last = succeed(d, e, "ex1#4", Map.of("row.3", "ok"));

        Execution done = last.execution();
        assertEquals(List.of(Command.runStep("ex1#6", "done", 1, 0)), last.commands());
        assertEquals("done", done.current());
        assertTrue(done.branches().isEmpty());
        assertEquals(StepStatus.PASSED, done.step("each").status());
        assertEquals(new BigDecimal("0.05"), done.step("each").costUsd());
        assertEquals(List.of("ok", "ok", "ok", "ok", "ok"), java.util.stream.IntStream.range(0, 5)
                .mapToObj(i -> done.vars().get("row." + i)).toList());
    }

    @Test
    void a_concurrent_item_that_fails_is_retried_alone_and_one_that_fails_for_good_fails_the_map() {
        PipelineDefinition d = concurrentMap("cleanup");
        Execution e = started(d, FIVE_ROWS);
        Outcome retried = apply(d, apply(d, e, new StepStarted("ex1#1", T0)).execution(),
                new StepFailed("ex1#1", T0, "overloaded", true, new BigDecimal("0.01")));
        assertEquals(List.of(Command.runStep("ex1#3", "each", 2, 5)), retried.commands());
        e = retried.execution();
        assertEquals(new Execution.Branch(0, 2, StepStatus.PENDING, null, "ex1#1"), e.branch("ex1#3"));
        assertTrue(e.isLive("ex1#2"), "the other item runs on");

        Outcome failed = apply(d, apply(d, e, new StepStarted("ex1#3", T0)).execution(),
                new StepFailed("ex1#3", T0, "overloaded", true, null));
        e = failed.execution();
        assertEquals(List.of(Command.runStep("ex1#4", "cleanup", 1, 0)), failed.commands());
        assertEquals("item 0: overloaded", e.step("each").error());
        assertEquals("item 0: overloaded", e.vars().get("error"));
        assertTrue(e.branches().isEmpty());
        assertFalse(apply(d, e, new StepSucceeded("ex1#2", T0, Map.of(), null)).applied(),
                "an item still running when the map failed is stale");
    }

    @Test
    void cancel_stops_a_concurrent_map_at_the_next_start_or_commit_of_any_item() {
        PipelineDefinition d = concurrentMap(null);
        Execution e = apply(d, started(d, FIVE_ROWS), new StepStarted("ex1#1", T0)).execution();
        e = apply(d, e, new CancelRequested(T0)).execution();

        Outcome committed = apply(d, e, new StepSucceeded("ex1#1", T0, Map.of(), null));
        assertEquals(ExecutionStatus.CANCELLED, committed.execution().status());
        assertTrue(committed.execution().branches().isEmpty());
        assertEquals(Command.Kind.FINISHED, committed.commands().get(0).kind());
        assertFalse(apply(d, committed.execution(), new StepStarted("ex1#2", T0)).applied());
    }

    @Test
    void released_frees_a_running_item_and_max_concurrency_belongs_to_map_states() {
        PipelineDefinition d = concurrentMap(null);
        Execution e = apply(d, started(d, FIVE_ROWS), new StepStarted("ex1#1", T0)).execution();
        assertEquals(StepStatus.RUNNING, e.branch("ex1#1").status());
        assertEquals(new Execution.Branch(0, 1, StepStatus.PENDING, null, null), e.released("ex1#1").branch("ex1#1"));

        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> definition("bad", "a",
                Map.of("a", new StateDefinition(StateDefinition.TASK, "run", "x", "p", null, null, null, null, null, null,
                        null, null, 4))));
        assertTrue(bad.getMessage().contains("a: maxConcurrency is for map states, 1-16"), bad.getMessage());
    }

    @Test
    void success_of_the_last_state_ends_the_execution_and_marks_unvisited_states_skipped() {
        Execution e = pass(LOOP, started(LOOP, Map.of()), Map.of()).execution();
        e = pass(LOOP, e, Map.of("verdict", "pass")).execution();
        e = apply(LOOP, e, new Approved(e.currentToken(), T0, "ann")).execution();
        Outcome end = pass(LOOP, e, Map.of());

        assertEquals(ExecutionStatus.SUCCEEDED, end.execution().status());
        assertNull(end.execution().current());
        assertEquals(StepStatus.SKIPPED, end.execution().step("fix").status());
        assertEquals(new BigDecimal("0.03"), end.execution().costUsd());
        assertEquals(Command.Kind.FINISHED, end.commands().get(0).kind());
    }

    @Test
    void invalid_definitions_are_refused_with_every_problem_named() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> definition("bad", "nowhere",
                Map.of("a", StateDefinition.task("run", null, "p", "missing"),
                        "c", StateDefinition.task(null, "agent", "p", null),
                        "b", new StateDefinition("loop", null, null, null, null, null, null, null, null, null, null, null, null))));

        assertTrue(e.getMessage().contains("startAt must name a state"), e.getMessage());
        assertTrue(e.getMessage().contains("a: next names unknown state 'missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("a: a task state needs an action, an agent and a prompt"), e.getMessage());
        assertTrue(e.getMessage().contains("c: a task state needs an action, an agent and a prompt"), e.getMessage());
        assertTrue(e.getMessage().contains("b: unknown type 'loop'"), e.getMessage());
    }
}
