package dev.athanor.model.pipeline;

import dev.athanor.model.pipeline.ExecutionEvent.Approved;
import dev.athanor.model.pipeline.ExecutionEvent.CancelRequested;
import dev.athanor.model.pipeline.ExecutionEvent.Started;
import dev.athanor.model.pipeline.ExecutionEvent.StepFailed;
import dev.athanor.model.pipeline.ExecutionEvent.StepStarted;
import dev.athanor.model.pipeline.ExecutionEvent.StepSucceeded;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Which of an outbox's commands may still be undone, and when the sweeper is to look. */
class StoredExecutionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(10);

    /** build (retried after 10 s, 20 s) -> review (approval) -> ship */
    private static final PipelineDefinition FLOW = new PipelineDefinition("flow", "build", new LinkedHashMap<>(Map.of(
            "build", new StateDefinition(StateDefinition.TASK, "run", "builder", "build", new RetryPolicy(3, 10, 2.0, 60), 30,
                    "review", null, null, null, null, null, null),
            "review", StateDefinition.approval("ship it?", "ship", null),
            "ship", StateDefinition.task("run", "shipper", "ship", null))), null).validate();

    /** Two items at a time out of three, then done. */
    private static final PipelineDefinition FANNED = new PipelineDefinition("fanned", "each", new LinkedHashMap<>(Map.of(
            "each", new StateDefinition(StateDefinition.MAP, "run", "judge", "judge {{item}}", null, null, "done", null, null,
                    null, null, "rows", 2),
            "done", StateDefinition.task("run", "b", "p", null))), null).validate();

    /** A stored execution committed at {@code at}, as the engine writes it. */
    private static StoredExecution commit(StoredExecution before, PipelineDefinition d, ExecutionEvent event,
                                          String producedBy, Instant at) {
        Outcome outcome = Transition.apply(d, before.execution(), event);
        return before.next(outcome.execution(), outcome.commands(), producedBy, null, at).dueAfter(AFTER);
    }

    private static StoredExecution created(PipelineDefinition d, Map<String, String> vars) {
        Outcome outcome = Transition.apply(d, Execution.create("ex1", d, vars), new Started(T0));
        return new StoredExecution("t", outcome.execution(), outcome.commands(), null, null, T0, T0, 1L, null, Map.of())
                .dueAfter(AFTER);
    }

    @Test
    void a_step_message_not_yet_started_is_undone_and_due_after_the_grace_period() {
        StoredExecution stored = created(FLOW, Map.of());

        assertEquals(List.of(Command.runStep("ex1#1", "build", 1, 0)), stored.undelivered());
        assertEquals(T0.plus(AFTER), stored.dueAt());
    }

    @Test
    void once_its_step_has_started_the_message_was_delivered_and_nothing_is_due() {
        StoredExecution started = commit(created(FLOW, Map.of()), FLOW, new StepStarted("ex1#1", T0.plusSeconds(1)),
                "ex1#1", T0.plusSeconds(1));

        assertEquals(List.of(), started.undelivered());
        assertNull(started.dueAt());
    }

    @Test
    void a_retry_sent_with_a_delay_is_due_only_after_that_delay_too() {
        StoredExecution running = commit(created(FLOW, Map.of()), FLOW, new StepStarted("ex1#1", T0), "ex1#1", T0);
        Instant failedAt = T0.plusSeconds(5);
        StoredExecution retrying = commit(running, FLOW, new StepFailed("ex1#1", failedAt, "busy", true,
                BigDecimal.ZERO), "ex1#1", failedAt);

        assertEquals(List.of(Command.runStep("ex1#2", "build", 2, 10)), retrying.undelivered());
        assertEquals(failedAt.plusSeconds(10).plus(AFTER), retrying.dueAt());
    }

    @Test
    void an_awaited_approval_is_due_once_its_decision_sends_the_next_step() {
        StoredExecution running = commit(created(FLOW, Map.of()), FLOW, new StepStarted("ex1#1", T0), "ex1#1", T0);
        StoredExecution waiting = commit(running, FLOW, new StepSucceeded("ex1#1", T0, Map.of(), BigDecimal.ONE),
                "ex1#1", T0.plusSeconds(2));
        assertEquals(List.of(Command.awaitApproval("ex1#2", "review")), waiting.undelivered());
        assertEquals(T0.plusSeconds(2).plus(AFTER), waiting.dueAt());

        StoredExecution approved = commit(waiting, FLOW, new Approved("ex1#2", T0.plusSeconds(60), "ana"), null,
                T0.plusSeconds(60));
        assertEquals(List.of(Command.runStep("ex1#3", "ship", 1, 0)), approved.undelivered());
        assertEquals(T0.plusSeconds(60).plus(AFTER), approved.dueAt());
    }

    @Test
    void an_ended_execution_only_has_its_end_entry_left_to_record() {
        StoredExecution waiting = commit(commit(created(FLOW, Map.of()), FLOW, new StepStarted("ex1#1", T0), "ex1#1",
                T0), FLOW, new StepSucceeded("ex1#1", T0, Map.of(), BigDecimal.ONE), "ex1#1", T0);
        StoredExecution cancelled = commit(waiting, FLOW, new CancelRequested(T0.plusSeconds(3)), null,
                T0.plusSeconds(3));

        assertEquals(ExecutionStatus.CANCELLED, cancelled.execution().status());
        assertEquals(1, cancelled.undelivered().size());
        assertEquals(Command.Kind.FINISHED, cancelled.undelivered().get(0).kind());
        assertEquals(T0.plusSeconds(3).plus(AFTER), cancelled.dueAt());
    }

    @Test
    void a_cancel_request_on_a_step_not_yet_started_leaves_its_message_undone() {
        StoredExecution asked = commit(created(FLOW, Map.of()), FLOW, new CancelRequested(T0.plusSeconds(1)), null,
                T0.plusSeconds(1));

        // the flag ends the execution when the step's message arrives: without that message, it never would
        assertEquals(List.of(Command.runStep("ex1#1", "build", 1, 0)), asked.undelivered());
        assertEquals(T0.plusSeconds(1).plus(AFTER), asked.dueAt());
    }

    @Test
    void map_items_sent_by_an_earlier_commit_are_undone_until_they_start() {
        StoredExecution stored = created(FANNED, Map.of("rows.count", "3", "rows.0", "a", "rows.1", "b",
                "rows.2", "c"));
        StoredExecution first = commit(stored, FANNED, new StepStarted("ex1#1", T0), "ex1#1", T0);
        assertEquals(List.of(Command.runStep("ex1#2", "each", 1, 0)), first.undelivered(),
                "the item started is no longer undone; the other still is");

        // item 1 passes and sends item 3: the outbox now holds only item 3's message, item 2 is still not started
        StoredExecution passed = commit(first, FANNED, new StepSucceeded("ex1#1", T0, Map.of(), BigDecimal.ONE),
                "ex1#1", T0.plusSeconds(4));
        assertEquals(List.of(Command.runStep("ex1#3", "each", 1, 0), Command.runStep("ex1#2", "each", 1, 0)),
                passed.undelivered());
        assertEquals(T0.plusSeconds(4).plus(AFTER), passed.dueAt());
    }
}
