package dev.athanor.core.pipeline;

import dev.athanor.model.pipeline.StepMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.athanor.core.pipeline.MemoryPipeline.TEAM;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A step message whose step was committed sends that commit's commands again only when it is received again (the
 * delivery that committed may have died before sending them). A first delivery of such a step is a copy (sent again
 * by a redelivery or by the sweep, or delivered twice): it sends nothing, or each copy would beget a copy of the next
 * step, and so on to the execution's end.
 */
class PipelineEngineCopiesTest {

    private final MemoryPipeline pipeline = new MemoryPipeline("test-actions", "test-map");
    private final PipelineEngine engine = pipeline.engine;

    @Test
    void a_copy_of_a_committed_step_sends_nothing_and_the_message_received_again_sends_the_commit_again()
            throws Exception {
        engine.start(TEAM, "test-actions", "run-1", Map.of());
        StepMessage write = pipeline.take("run-1#1");
        engine.runStep(write, 1);
        assertEquals(List.of("run-1#2"), tokens(), "the commit sent the next step");

        engine.runStep(write, 1); // a copy, on its first delivery
        assertEquals(List.of("run-1#2"), tokens(), "a copy sends nothing");

        engine.runStep(write, 2); // the message that committed, received again
        assertEquals(List.of("run-1#2", "run-1#2"), tokens(), "sent again: the first send may have been lost");

        engine.runStep(pipeline.take("run-1#2"), 1);
        engine.runStep(pipeline.take("run-1#2"), 1); // the second is now a copy of a committed step
        assertEquals(List.of(), tokens(), "the end sends nothing");
        assertEquals(1, pipeline.runs("write"));
        assertEquals(1, pipeline.runs("check"));
        assertEquals("SUCCEEDED", pipeline.stored("run-1").execution().status().name());
        assertEquals(List.of("run-1 SUCCEEDED"), pipeline.ended, "a copy of the last step tells no one again");
    }

    @Test
    void listeners_hear_of_a_cancelled_execution_when_its_next_step_would_start() throws Exception {
        engine.start(TEAM, "test-actions", "run-2", Map.of());
        engine.cancel(TEAM, "run-2");
        assertEquals(List.of(), pipeline.ended, "cancel is a flag until the next step");

        engine.runStep(pipeline.take("run-2#1"), 1);

        assertEquals(List.of("run-2 CANCELLED"), pipeline.ended);
        assertEquals(0, pipeline.runs("write"));
    }

    @Test
    void an_item_of_a_map_received_again_sends_the_item_it_started_even_after_other_commits_replaced_its_outbox()
            throws Exception {
        engine.start(TEAM, "test-map", "map-1", Map.of("items.count", "4", "items.0", "a", "items.1", "b",
                "items.2", "c", "items.3", "d"));
        StepMessage first = pipeline.take("map-1#1");
        StepMessage second = pipeline.take("map-1#2");
        engine.runStep(first, 1);
        pipeline.take("map-1#3"); // the item the first one started: its message is lost
        engine.runStep(second, 1);
        assertEquals(List.of("map-1#4"), tokens(), "the second item's commit replaced the outbox");

        engine.runStep(first, 1); // a copy
        assertEquals(List.of("map-1#4"), tokens());

        engine.runStep(first, 2); // received again
        assertEquals(List.of("map-1#4", "map-1#3"), tokens(), "the lost item is sent again");

        engine.runStep(pipeline.take("map-1#3"), 1);
        engine.runStep(pipeline.take("map-1#4"), 1);
        engine.runStep(pipeline.take("map-1#5"), 1);
        assertEquals("SUCCEEDED", pipeline.stored("map-1").execution().status().name());
        assertEquals(4, pipeline.runs("each"), "each item ran once");
    }

    private List<String> tokens() {
        return pipeline.sent.stream().map(StepMessage::token).toList();
    }
}
