package dev.athanor.core.pipeline;

import dev.athanor.model.pipeline.StepMessage;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.athanor.core.pipeline.MemoryPipeline.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A commit whose write lands but whose answer is lost (the store throws after writing): the worker must not go on
 * trusting the copy of the execution it wrote before, in which the step still runs under its lease. Otherwise the
 * step's next delivery on that worker is refused as busy until the lease runs out, instead of being seen as
 * committed and sending the commit's commands again: the job stalls until the sweep, and the refused deliveries
 * count towards the dead-letter queue.
 */
class PipelineEngineLostAnswerTest {

    private final MemoryPipeline pipeline = new MemoryPipeline("test-actions");
    private final PipelineEngine engine = pipeline.engine;

    @Test
    void a_delivery_after_a_commit_whose_answer_was_lost_sends_the_commits_commands_again() throws Exception {
        engine.start(TEAM, "test-actions", "run-1", Map.of());
        StepMessage write = pipeline.take("run-1#1");
        pipeline.store.loseAnswerOfSave.set(2); // the StepStarted commit answers, the result commit's answer is lost

        assertThrows(IllegalStateException.class, () -> engine.runStep(write, 1));
        StoredExecution committed = pipeline.stored("run-1");
        assertEquals(StepStatus.PASSED, committed.execution().step("write").status(), "the result was committed");
        assertEquals(List.of(), pipeline.sent, "but the next step's message was never sent");

        engine.runStep(write, 2); // the message comes back to the same worker

        assertEquals(1, pipeline.sent.size(), "the commit's commands are sent again");
        assertEquals("check", pipeline.sent.get(0).state());
        assertEquals(1, pipeline.runs("write"), "the step ran once");
        assertEquals(1, pipeline.stored("run-1").execution().step("write").commits());

        engine.runStep(pipeline.take("run-1#2"), 1);
        assertEquals("SUCCEEDED", pipeline.stored("run-1").execution().status().name());
    }
}
