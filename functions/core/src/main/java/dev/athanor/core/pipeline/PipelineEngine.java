package dev.athanor.core.pipeline;

import dev.athanor.model.TeamId;
import dev.athanor.model.error.ConflictException;
import dev.athanor.model.error.NotFoundException;
import dev.athanor.model.pipeline.Command;
import dev.athanor.model.pipeline.Execution;
import dev.athanor.model.pipeline.ExecutionEvent;
import dev.athanor.model.page.Page;
import dev.athanor.model.page.PageRequest;
import dev.athanor.model.pipeline.ExecutionStore;
import dev.athanor.model.pipeline.ExecutionSummary;
import dev.athanor.model.pipeline.Outcome;
import dev.athanor.model.pipeline.PipelineDefinition;
import dev.athanor.model.pipeline.StateDefinition;
import dev.athanor.model.pipeline.StepMessage;
import dev.athanor.model.pipeline.StepQueue;
import dev.athanor.model.pipeline.StepStatus;
import dev.athanor.model.pipeline.StoredExecution;
import dev.athanor.model.pipeline.Transition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;

/**
 * Runs pipelines on the execution store and the step queue. Every change is one transition committed with a
 * conditional write on the execution's version; a lost race reads again and re-applies the event, which the pure
 * transition either applies to the newer execution or recognises as stale.
 * <p>
 * A step message goes through: duplicate check (its token must be the current step's, else the outbox is re-sent
 * when this token produced it and the message is received again), {@code StepStarted} committed under a lease that
 * no other delivery holds (where a cancel request ends the execution), the step itself, and the commit of its result
 * with the next commands. The first commit starts from the copy this worker last wrote, when it has one
 * ({@link RecentExecutions}). A step that throws releases its lease and fails the message; on the last delivery it
 * also fails the execution, and SQS moves the message to the DLQ.
 * <p>
 * The items of a map that runs several at once are steps of their own: each is current while it is sent and not
 * done, is held from its start time for the state's timeout plus the lease margin, and is sent again by a
 * redelivery of the step that sent it when later commits of other items have replaced that step's outbox.
 */
@Singleton
@Requires(beans = {ExecutionStore.class, StepQueue.class, PipelineEvents.class})
public class PipelineEngine {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineEngine.class);

    private final ExecutionStore store;
    private final StepQueue queue;
    private final PipelineDefinitions definitions;
    private final Map<String, StepExecutor> executors = new HashMap<>();
    private final PipelineEvents events;
    private final PipelineConfiguration config;
    private final List<StepObserver> observers;
    private final Executor io;
    private final Clock clock;
    private final RecentExecutions recent;
    private final ExecutionCommits commits;

    /**
     * @param pipelines the pipelines this function runs: every action their states name must have an executor here,
     *                  or the function does not start (rather than fail each step of a misnamed action)
     */
    public PipelineEngine(ExecutionStore store, StepQueue queue, PipelineDefinitions definitions,
                          List<StepExecutor> executors, List<Pipeline> pipelines, PipelineEvents events,
                          PipelineConfiguration config, List<StepObserver> observers,
                          @Named(TaskExecutors.BLOCKING) Executor io, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.definitions = definitions;
        for (StepExecutor executor : executors) {
            for (String action : executor.actions()) {
                StepExecutor other = this.executors.putIfAbsent(action, executor);
                if (other != null) {
                    throw new IllegalStateException("Two step executors for the action " + action + ": "
                            + other.getClass().getName() + " and " + executor.getClass().getName());
                }
            }
        }
        for (Pipeline pipeline : pipelines) {
            definitions.get(pipeline.id()).states().forEach((name, state) -> {
                if (state.runsAgent() && !this.executors.containsKey(state.action())) {
                    throw new IllegalStateException("State " + name + " of pipeline " + pipeline.id()
                            + " names the action " + state.action() + ", which no step executor runs");
                }
            });
        }
        this.events = events;
        this.config = config;
        this.observers = List.copyOf(observers);
        this.io = io;
        this.clock = clock;
        this.recent = new RecentExecutions(config.getRecentExecutions());
        this.commits = new ExecutionCommits(store, definitions, recent, clock,
                Duration.ofSeconds(config.getSweepAfterSeconds()));
    }

    /**
     * Creates execution {@code id} of {@code pipeline} with {@code input} as its variables and sends its first step.
     *
     * @throws ConflictException when an execution with that id exists
     */
    public StoredExecution start(TeamId team, String pipeline, String id, Map<String, String> input) {
        PipelineDefinition definition = definitions.get(pipeline);
        Instant now = clock.instant();
        Outcome outcome = Transition.apply(definition, Execution.create(id, definition, input),
                new ExecutionEvent.Started(now));
        StoredExecution created = store.create(team, new StoredExecution(team.value(), outcome.execution(),
                outcome.commands(), null, null, now, now, null, null, definition.labelsOf(input))
                .dueAfter(commits.sweepAfter()));
        recent.remember(team, created);
        carryOut(team, created, outcome.commands());
        return created;
    }

    public Optional<StoredExecution> find(TeamId team, String id) {
        return store.find(team, id);
    }

    /** What a list shows of one execution: its summary alone is read back, never the execution. */
    public Optional<ExecutionSummary> findSummary(TeamId team, String id) {
        return store.findSummary(team, id);
    }

    /** A page of the team's executions of {@code pipeline}, newest first, as lists show them. */
    public Page<ExecutionSummary> summaries(TeamId team, String pipeline, PageRequest page) {
        return store.summaries(team, pipeline, page);
    }

    public boolean delete(TeamId team, String id) {
        recent.forget(team, id);
        return store.delete(team, id);
    }

    /**
     * Asks the execution to stop before its next step (at once if it awaits an approval).
     *
     * @throws NotFoundException when there is no such execution
     * @throws ConflictException when it has already ended
     */
    public StoredExecution cancel(TeamId team, String id) {
        ExecutionCommits.Committed committed = commits.commit(team, id, null, e -> new ExecutionEvent.CancelRequested(clock.instant()), null);
        if (!committed.outcome().applied() && committed.stored().execution().status().isFinal()) {
            throw new ConflictException("'" + id + "' has already ended ("
                    + committed.stored().execution().status().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
        carryOut(team, committed.stored(), committed.outcome().commands());
        return committed.stored();
    }

    /**
     * Approves or rejects the approval step {@code token}.
     *
     * @throws ConflictException when that step is no longer awaited
     */
    public StoredExecution decide(TeamId team, String id, String token, boolean approve, String by, String reason) {
        Instant now = clock.instant();
        ExecutionCommits.Committed committed = commits.commit(team, id, null, e -> approve ? new ExecutionEvent.Approved(token, now, by)
                : new ExecutionEvent.Rejected(token, now, by, reason), null);
        if (!committed.outcome().applied()) {
            throw new ConflictException("Nothing awaits this decision any more: " + committed.outcome().reason());
        }
        carryOut(team, committed.stored(), committed.outcome().commands());
        return committed.stored();
    }

    /** Handles one delivery of a step message (see the class comment). */
    public void runStep(StepMessage message, int receiveCount) throws Exception {
        long received = System.nanoTime();
        TeamId team = TeamId.of(message.team());
        String token = message.token();
        StoredExecution stored = recent.current(team, message.execution(), token)
                .or(() -> store.find(team, message.execution())).orElse(null);
        if (stored == null) {
            LOG.info("Step {} belongs to no execution any more (deleted); dropped", token);
            return;
        }
        Execution execution = stored.execution();
        if (!execution.isLive(token) || execution.status().isFinal()) {
            repeated(team, stored, token, receiveCount);
            return;
        }
        PipelineDefinition definition = definitions.get(execution.pipeline());
        StateDefinition state = definition.state(execution.current());
        // an item of a map that runs items at once is held through its own start time instead of the item's lease
        Instant lease = execution.branch(token) != null ? null
                : clock.instant().plusSeconds(state.timeout() + config.getLeaseMarginSeconds());
        ExecutionCommits.Committed started;
        try {
            started = commits.commit(team, execution.id(), stored, token, s -> {
                requireFree(s, token, state);
                return new ExecutionEvent.StepStarted(token, clock.instant());
            }, lease);
        } catch (NotFoundException deleted) {
            LOG.info("Step {} belongs to no execution any more (deleted); dropped", token);
            return;
        }
        if (!started.outcome().applied()) {
            repeated(team, started.stored(), token, receiveCount);
            return;
        }
        carryOut(team, started.stored(), started.outcome().commands());
        Execution running = started.stored().execution();
        if (running.status().isFinal()) {
            return; // cancelled before the step
        }
        // progress entries are written beside the step's own work, and awaited before the message is done
        CompletableFuture<Void> startedEntry = CompletableFuture.runAsync(
                () -> events.stepStarted(team, running, token, state.agent()), io);
        long begun = System.nanoTime();
        ExecutionEvent result;
        long executorNanos;
        try {
            result = toEvent(token, state, run(team, running, state, message));
            executorNanos = System.nanoTime() - begun;
        } catch (Exception e) {
            startedEntry.join();
            release(team, execution.id(), token);
            if (receiveCount >= config.getMaxReceiveCount()) {
                String error = "failed on all " + receiveCount + " deliveries: " + describe(e);
                ExecutionCommits.Committed abandoned = commits.commit(team, execution.id(), token,
                        x -> new ExecutionEvent.Abandoned(token, clock.instant(), error), null);
                carryOut(team, abandoned.stored(), abandoned.outcome().commands());
                events.stepFinished(team, abandoned.stored().execution(), token, running.current(),
                        state.agent(), (System.nanoTime() - begun) / 1_000_000);
            }
            throw e;
        }
        ExecutionCommits.Committed finished = commits.commit(team, execution.id(), started.stored(), token, x -> result, null);
        long durationMs = (System.nanoTime() - begun) / 1_000_000;
        CompletableFuture<Void> finishedEntry = !finished.outcome().applied() ? CompletableFuture.completedFuture(null)
                : startedEntry.thenRunAsync(() -> events.stepFinished(team, finished.stored().execution(),
                token, running.current(), state.agent(), durationMs), io);
        carryOut(team, finished.stored(), finished.outcome().commands());
        CompletableFuture.allOf(startedEntry, finishedEntry).join();
        long total = System.nanoTime() - received;
        observers.forEach(o -> o.stepRan(execution.pipeline(), running.current(), total - executorNanos, executorNanos));
    }

    /**
     * A message whose step is not (or no longer) the current one: a duplicate, or the redelivery of a step whose
     * result was committed but whose commands may not all have been sent, which are then sent again. Only a message
     * received again does that: the message whose delivery committed a step comes back when that delivery died
     * before sending the commit's commands (and past its last delivery the sweep sends them). A first delivery is a
     * copy (sent again, or delivered twice), whose original sends them; were copies to send them too, every copy
     * would beget a copy of the next step, and so on to the execution's end.
     */
    private void repeated(TeamId team, StoredExecution stored, String token, int receiveCount) {
        if (receiveCount <= 1) {
            LOG.debug("Step {} is not current; a first delivery of it is a copy, which sends nothing", token);
            return;
        }
        if (token.equals(stored.outboxToken())) {
            LOG.info("Step {} was committed before; sending its commands again", token);
            carryOut(team, stored, stored.outbox());
            return;
        }
        // later commits of other items replaced its outbox: the items it sent that have not started are sent again
        Execution execution = stored.execution();
        List<Command> unstarted = new ArrayList<>();
        execution.branches().forEach((itemToken, item) -> {
            if (token.equals(item.dispatchedBy()) && item.status() == StepStatus.PENDING) {
                unstarted.add(Command.runStep(itemToken, execution.current(), item.attempt(), 0));
            }
        });
        if (!unstarted.isEmpty()) {
            LOG.info("Step {} was committed before; sending the items it started again: {}", token, unstarted);
            carryOut(team, stored, unstarted);
        }
    }

    /** Refuses to start a step that another delivery runs under a lease that has not expired. */
    private void requireFree(StoredExecution stored, String token, StateDefinition state) {
        Execution execution = stored.execution();
        if (!execution.isLive(token) || execution.status().isFinal()) {
            return;
        }
        Execution.Branch item = execution.branch(token);
        Instant until = item == null ? stored.leaseUntil() : item.startedAt() == null ? null
                : item.startedAt().plusSeconds(state.timeout() + config.getLeaseMarginSeconds());
        boolean running = item == null ? execution.step(execution.current()).status() == StepStatus.RUNNING
                : item.status() == StepStatus.RUNNING;
        if (running && until != null && clock.instant().isBefore(until)) {
            throw new StepBusyException(token, until);
        }
    }

    private StepResult run(TeamId team, Execution execution, StateDefinition state, StepMessage message)
            throws Exception {
        StepExecutor executor = executors.get(state.action());
        if (executor == null) {
            throw new IllegalStateException("No step executor for the action " + state.action() + " of state "
                    + execution.current() + " of pipeline " + execution.pipeline());
        }
        try {
            return executor.run(new StepRequest(team, execution.forStep(message.token(), state), execution.current(),
                    state, message.attempt(), message.token(), state.timeout()));
        } catch (TimeoutException e) {
            return null;
        }
    }

    private ExecutionEvent toEvent(String token, StateDefinition state, StepResult result) {
        Instant now = clock.instant();
        if (result == null) {
            return new ExecutionEvent.TimedOut(token, now, state.timeout());
        }
        if (result instanceof StepResult.Succeeded ok) {
            return new ExecutionEvent.StepSucceeded(token, now, ok.outputs(), ok.cost());
        }
        StepResult.Failed failed = (StepResult.Failed) result;
        return new ExecutionEvent.StepFailed(token, now, failed.error(), failed.retryable(), failed.cost());
    }

    /** Frees the step for the next delivery at once, instead of after the lease; best effort. */
    private void release(TeamId team, String id, String token) {
        try {
            StoredExecution stored = store.find(team, id).orElse(null);
            if (stored == null) {
                return;
            }
            Execution execution = stored.execution();
            if (execution.branch(token) != null) {
                recent.forget(team, id);
                store.save(team, stored.next(execution.released(token), List.of(), null, stored.leaseUntil(),
                        clock.instant()).dueAfter(commits.sweepAfter()));
            } else if (token.equals(execution.currentToken()) && stored.leaseUntil() != null) {
                recent.forget(team, id);
                store.save(team, stored.next(execution, List.of(), null, null, clock.instant()).dueAfter(commits.sweepAfter()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not release the lease of step {}; it expires by itself", token, e);
        }
    }

    /** Forgets this worker's copy of an execution that was written elsewhere in this process (the sweeper). */
    void forget(TeamId team, String id) {
        recent.forget(team, id);
    }

    void carryOut(TeamId team, StoredExecution stored, List<Command> commands) {
        Execution execution = stored.execution();
        for (Command command : commands) {
            switch (command.kind()) {
                case RUN_STEP -> queue.send(team, execution.pipeline(), execution.id(), command);
                case AWAIT_APPROVAL -> events.awaitingApproval(team, execution, command,
                        definitions.get(execution.pipeline()).state(command.state()));
                case FINISHED -> events.finished(team, execution, command);
                default -> throw new IllegalStateException("Unknown command " + command.kind());
            }
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
