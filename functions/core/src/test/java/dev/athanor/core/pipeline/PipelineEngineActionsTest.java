package dev.athanor.core.pipeline;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The engine's start-up checks: one executor per action, and one for every action its pipelines name. */
class PipelineEngineActionsTest {

    private final PipelineDefinitions definitions = new PipelineDefinitions(JsonMapper.createDefault());
    private final Pipeline pipeline = () -> "test-actions";

    @Test
    void starts_when_every_action_of_its_pipelines_has_an_executor() {
        assertDoesNotThrow(() -> engine(List.of(executor("test.write", "test.check"))));
        assertDoesNotThrow(() -> engine(List.of(executor("test.write"), executor("test.check", "test.unused"))));
    }

    @Test
    void refuses_to_start_when_an_action_of_its_pipelines_has_no_executor() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> engine(List.of(executor("test.write"))));
        assertEquals("State check of pipeline test-actions names the action test.check, which no step executor runs",
                e.getMessage());
    }

    @Test
    void refuses_two_executors_of_one_action() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> engine(List.of(executor("test.write", "test.check"), executor("test.check"))));
        assertTrue(e.getMessage().startsWith("Two step executors for the action test.check"), e.getMessage());
    }

    private PipelineEngine engine(List<StepExecutor> executors) {
        return new PipelineEngine(null, null, definitions, executors, List.of(pipeline), null,
                new PipelineConfiguration(), List.of(), Runnable::run, Clock.systemUTC());
    }

    private static StepExecutor executor(String... actions) {
        return new StepExecutor() {
            @Override
            public Set<String> actions() {
                return Set.of(actions);
            }

            @Override
            public StepResult run(StepRequest request) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
