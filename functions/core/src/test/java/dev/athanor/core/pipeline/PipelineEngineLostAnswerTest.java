package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.StepMessage;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final TeamId TEAM = TeamId.of("team-a");

    private final MemoryStore store = new MemoryStore();
    private final List<StepMessage> sent = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final PipelineEngine engine = new PipelineEngine(store, queue(), new PipelineDefinitions(
            JsonMapper.createDefault()), List.of(executor()), List.of(() -> "test-actions"),
            new PipelineEvents(new NoCheckpoints(), new NoActivity(), Clock.systemUTC()), new PipelineConfiguration(),
            List.of(), Runnable::run, Clock.systemUTC());

    @Test
    void a_delivery_after_a_commit_whose_answer_was_lost_sends_the_commits_commands_again() throws Exception {
        engine.start(TEAM, "test-actions", "run-1", Map.of());
        StepMessage write = sent.remove(0);
        store.loseAnswerOfSave.set(2); // the StepStarted commit answers, the result commit's answer is lost

        assertThrows(IllegalStateException.class, () -> engine.runStep(write, 1));
        StoredExecution committed = store.find(TEAM, "run-1").orElseThrow();
        assertEquals(StepStatus.PASSED, committed.execution().step("write").status(), "the result was committed");
        assertEquals(List.of(), sent, "but the next step's message was never sent");

        engine.runStep(write, 2); // the message comes back to the same worker

        assertEquals(1, sent.size(), "the commit's commands are sent again");
        assertEquals("check", sent.get(0).state());
        assertEquals(1, runs.get(), "the step ran once");
        assertEquals(1, store.find(TEAM, "run-1").orElseThrow().execution().step("write").commits());

        engine.runStep(sent.remove(0), 1);
        assertEquals("SUCCEEDED", store.find(TEAM, "run-1").orElseThrow().execution().status().name());
    }

    private StepQueue queue() {
        return new StepQueue() {
            @Override
            public void send(TeamId team, String pipeline, String execution, Command runStep) {
                sent.add(new StepMessage(team.value(), pipeline, execution, runStep.token(), runStep.state(),
                        runStep.attempt()));
            }

            @Override
            public StepMessage read(String body) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private StepExecutor executor() {
        return new StepExecutor() {
            @Override
            public Set<String> actions() {
                return Set.of("test.write", "test.check");
            }

            @Override
            public StepResult run(StepRequest request) {
                if (request.state().equals("write")) {
                    runs.incrementAndGet();
                }
                return new StepResult.Succeeded(Map.of(), BigDecimal.ZERO);
            }
        };
    }

    /** Executions in memory, written conditionally on their version; one save can be made to lose its answer. */
    private static final class MemoryStore implements ExecutionStore {

        private final Map<String, StoredExecution> items = new ConcurrentHashMap<>();
        /** Counts saves down; the save that brings it to zero is written, then throws. */
        final AtomicInteger loseAnswerOfSave = new AtomicInteger();

        @Override
        public Optional<StoredExecution> find(TeamId team, String id) {
            return Optional.ofNullable(items.get(id));
        }

        @Override
        public StoredExecution create(TeamId team, StoredExecution execution) {
            StoredExecution created = versioned(execution, 1L);
            if (items.putIfAbsent(execution.execution().id(), created) != null) {
                throw new ConflictException("exists");
            }
            return created;
        }

        @Override
        public synchronized StoredExecution save(TeamId team, StoredExecution execution) {
            StoredExecution current = items.get(execution.execution().id());
            if (current == null || !current.version().equals(execution.version())) {
                throw new ConflictException("changed");
            }
            StoredExecution saved = versioned(execution, current.version() + 1);
            items.put(execution.execution().id(), saved);
            if (loseAnswerOfSave.get() > 0 && loseAnswerOfSave.decrementAndGet() == 0) {
                throw new IllegalStateException("the write landed, its answer was lost");
            }
            return saved;
        }

        @Override
        public List<StoredExecution> list(TeamId team, String pipeline) {
            return List.copyOf(items.values());
        }

        @Override
        public boolean delete(TeamId team, String id) {
            return items.remove(id) != null;
        }

        @Override
        public List<Key> due(String pipeline, Instant now, int limit) {
            return List.of();
        }

        private static StoredExecution versioned(StoredExecution e, long version) {
            return new StoredExecution(e.team(), e.execution(), e.outbox(), e.outboxToken(), e.leaseUntil(),
                    e.createdAt(), e.updatedAt(), version, e.dueAt());
        }
    }

    private static final class NoCheckpoints implements CheckpointStore {
        @Override
        public Checkpoint open(TeamId team, Checkpoint checkpoint) {
            return checkpoint;
        }

        @Override
        public Optional<Checkpoint> find(TeamId team, String id) {
            return Optional.empty();
        }

        @Override
        public Checkpoint save(TeamId team, Checkpoint checkpoint) {
            return checkpoint;
        }

        @Override
        public List<Checkpoint> list(TeamId team) {
            return List.of();
        }

        @Override
        public void deleteFor(TeamId team, String execution) {
        }
    }

    private static final class NoActivity implements ActivityLog {
        @Override
        public void append(TeamId team, ActivityEntry entry) {
        }

        @Override
        public List<ActivityEntry> recent(TeamId team, int limit) {
            return List.of();
        }

        @Override
        public List<ActivityEntry> recent(TeamId team, String action, int limit) {
            return List.of();
        }
    }
}
