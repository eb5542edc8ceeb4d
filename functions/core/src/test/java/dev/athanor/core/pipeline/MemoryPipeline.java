package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.activity.ActivityEntry;
import dev.athanor.model.activity.ActivityLog;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.Checkpoint;
import dev.athanor.model.pipeline.CheckpointStore;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.pipeline.StepMessage;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.pipeline.StoredExecution;
import io.micronaut.json.JsonMapper;

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

/**
 * The engine on stores in memory, for tests of its delivery rules: executions written conditionally on their
 * version (one save can be made to lose its answer), step messages collected as sent, executors that succeed and
 * count their runs by state.
 */
final class MemoryPipeline {

    static final TeamId TEAM = TeamId.of("team-a");

    final MemoryStore store = new MemoryStore();
    final List<StepMessage> sent = new ArrayList<>();
    final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
    /** Each end the listeners were told of: execution id and status. */
    final List<String> ended = new ArrayList<>();
    final PipelineEngine engine;

    /** @param pipelines ids of pipelines under {@code src/test/resources/pipelines} */
    MemoryPipeline(String... pipelines) {
        List<Pipeline> declared = new ArrayList<>();
        for (String id : pipelines) {
            declared.add(() -> id);
        }
        engine = new PipelineEngine(store, queue(), new PipelineDefinitions(JsonMapper.createDefault()),
                List.of(executor()), declared, new PipelineEvents(new NoCheckpoints(), new NoActivity(),
                List.of((team, e) -> ended.add(e.id() + " " + e.status())), Clock.systemUTC()), new PipelineConfiguration(), List.of(), Runnable::run, Clock.systemUTC());
    }

    StoredExecution stored(String id) {
        return store.find(TEAM, id).orElseThrow();
    }

    int runs(String state) {
        AtomicInteger count = runs.get(state);
        return count == null ? 0 : count.get();
    }

    /** Takes the message sent for {@code token}. */
    StepMessage take(String token) {
        StepMessage message = sent.stream().filter(m -> m.token().equals(token)).findFirst().orElseThrow(
                () -> new AssertionError("no message for " + token + " among " + sent));
        sent.remove(message);
        return message;
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
                runs.computeIfAbsent(request.state(), s -> new AtomicInteger()).incrementAndGet();
                return new StepResult.Succeeded(Map.of(), BigDecimal.ZERO);
            }
        };
    }

    /** Executions in memory, written conditionally on their version. */
    static final class MemoryStore implements ExecutionStore {

        private final Map<String, StoredExecution> items = new ConcurrentHashMap<>();
        /** Counts saves down; the save that brings it to zero is written, then throws as if its answer was lost. */
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
        public Optional<ExecutionSummary> findSummary(TeamId team, String id) {
            return find(team, id).map(ExecutionSummary::of);
        }

        @Override
        public Page<ExecutionSummary> summaries(TeamId team, String pipeline, PageRequest page) {
            return Page.last(items.values().stream().map(ExecutionSummary::of).toList());
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
                    e.createdAt(), e.updatedAt(), version, e.dueAt(), e.labels());
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
        public Page<Checkpoint> list(TeamId team, String status, PageRequest page) {
            return Page.last(List.of());
        }

        @Override
        public long count(TeamId team, String status) {
            return 0;
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
        public Page<ActivityEntry> page(TeamId team, PageRequest page) {
            return Page.last(List.of());
        }

        @Override
        public Page<ActivityEntry> page(TeamId team, String action, PageRequest page) {
            return Page.last(List.of());
        }
    }
}
