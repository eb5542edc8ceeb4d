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

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transition rule of every pipeline: {@code (definition, execution, event) -> (execution, commands)}. Pure: no
 * clock, no I/O, so the runtime can apply an event again after a lost race and get the same answer.
 * <p>
 * An event about a step other than the current one (a duplicate or stale message, a second decision) is ignored.
 * A cancel request parks nothing: it sets a flag that the next {@code StepStarted} (or the commit of the step under
 * way) turns into the end of the execution, except for an execution awaiting approval, which ends at once.
 */
public final class Transition {

    /** Choice states may lead to choice states; more hops than this without a task is a loop in the definition. */
    static final int MAX_CHOICE_HOPS = 64;

    private Transition() {
    }

    public static Outcome apply(PipelineDefinition definition, Execution execution, ExecutionEvent event) {
        if (event instanceof CancelRequested) {
            return cancelRequested(execution, event.at());
        }
        if (execution.status().isFinal()) {
            return Outcome.ignored(execution, "the execution has ended");
        }
        if (event instanceof Started) {
            if (execution.startedAt() != null) {
                return Outcome.ignored(execution, "already started");
            }
            Execution.Builder b = execution.change();
            b.startedAt = event.at();
            List<Command> commands = new ArrayList<>();
            enter(definition, b, definition.startAt(), event.at(), commands, 0);
            return new Outcome(b.build(), commands, true, null);
        }
        if (event instanceof Approved approved) {
            return decide(definition, execution, approved.token(), approved.at(), approved.by(), null, true);
        }
        if (event instanceof Rejected rejected) {
            return decide(definition, execution, rejected.token(), rejected.at(), rejected.by(), rejected.reason(), false);
        }
        String token = stepToken(event);
        if (execution.status() != ExecutionStatus.RUNNING || !execution.isLive(token)) {
            return Outcome.ignored(execution, "step " + token + " is not the current step");
        }
        StepStatus stepStatus = execution.step(execution.current()).status();
        if (stepStatus != StepStatus.PENDING && stepStatus != StepStatus.RUNNING) {
            return Outcome.ignored(execution, "step " + token + " is " + stepStatus);
        }
        Execution.Builder b = execution.change();
        b.cause = token;
        List<Command> commands = new ArrayList<>();
        StateDefinition state = definition.state(b.current);
        if (execution.branch(token) != null) {
            branchEvent(definition, b, state, token, event, commands);
            return new Outcome(b.build(), commands, true, null);
        }
        if (event instanceof StepStarted) {
            if (b.cancelRequested) {
                cancel(b, event.at(), commands);
            } else {
                b.steps.put(b.current, b.step(b.current).started(b.attempt, event.at()));
            }
        } else if (event instanceof StepSucceeded done) {
            succeeded(definition, b, state, done, commands);
        } else if (event instanceof StepFailed failed) {
            failed(definition, b, state, failed.error(), failed.retryable(), failed.cost(), failed.at(), commands);
        } else if (event instanceof TimedOut timedOut) {
            failed(definition, b, state, "timed out after " + timedOut.afterSeconds() + " s", true, BigDecimal.ZERO,
                    timedOut.at(), commands);
        } else if (event instanceof Abandoned abandoned) {
            b.steps.put(b.current, b.step(b.current).finished(StepStatus.FAILED, abandoned.at(), abandoned.error(),
                    BigDecimal.ZERO, true));
            fail(b, b.current + ": " + abandoned.error(), abandoned.at(), commands);
        }
        return new Outcome(b.build(), commands, true, null);
    }

    private static String stepToken(ExecutionEvent event) {
        if (event instanceof StepStarted e) {
            return e.token();
        }
        if (event instanceof StepSucceeded e) {
            return e.token();
        }
        if (event instanceof StepFailed e) {
            return e.token();
        }
        if (event instanceof TimedOut e) {
            return e.token();
        }
        if (event instanceof Abandoned e) {
            return e.token();
        }
        throw new IllegalArgumentException("Unknown event " + event);
    }

    /** An event about one item of a map that runs items at once. */
    private static void branchEvent(PipelineDefinition definition, Execution.Builder b, StateDefinition state,
                                    String token, ExecutionEvent event, List<Command> commands) {
        Execution.Branch branch = b.branches.get(token);
        if (event instanceof StepStarted) {
            if (b.cancelRequested) {
                cancel(b, event.at(), commands);
            } else {
                b.branches.put(token, new Execution.Branch(branch.item(), branch.attempt(), StepStatus.RUNNING,
                        event.at(), branch.dispatchedBy()));
                b.steps.put(b.current, b.step(b.current).started(branch.attempt(), event.at()));
            }
            return;
        }
        b.branches.remove(token);
        if (event instanceof StepSucceeded done) {
            b.vars.putAll(done.outputs());
            b.costUsd = b.costUsd.add(cost(done.cost()));
            b.steps.put(b.current, b.step(b.current).charged(done.cost()));
            if (b.cancelRequested) {
                cancel(b, done.at(), commands);
            } else if (b.mapIndex < itemCount(b, state)) {
                dispatch(b, b.mapIndex++, 1, 0, commands);
            } else if (b.branches.isEmpty()) {
                b.steps.put(b.current, b.step(b.current).finished(StepStatus.PASSED, done.at(), null, null, true));
                enter(definition, b, state.next(), done.at(), commands, 0);
            }
            return;
        }
        if (event instanceof Abandoned abandoned) {
            String error = "item " + branch.item() + ": " + abandoned.error();
            b.steps.put(b.current, b.step(b.current).finished(StepStatus.FAILED, abandoned.at(), error,
                    BigDecimal.ZERO, true));
            fail(b, b.current + ": " + error, abandoned.at(), commands);
            return;
        }
        String error;
        boolean retryable;
        BigDecimal spent = BigDecimal.ZERO;
        if (event instanceof StepFailed failed) {
            error = failed.error();
            retryable = failed.retryable();
            spent = cost(failed.cost());
        } else {
            error = "timed out after " + ((TimedOut) event).afterSeconds() + " s";
            retryable = true;
        }
        b.costUsd = b.costUsd.add(spent);
        RetryPolicy retry = state.retryPolicy();
        if (retryable && branch.attempt() < retry.maxAttempts() && !b.cancelRequested) {
            b.steps.put(b.current, b.step(b.current).charged(spent));
            dispatch(b, branch.item(), branch.attempt() + 1, retry.delayBefore(branch.attempt() + 1), commands);
            return;
        }
        b.branches.clear(); // the items still running are stale from here on: their results are ignored
        failedForGood(definition, b, state, "item " + branch.item() + ": " + error, spent, event.at(), commands);
    }

    /** Sends one item of a map that runs items at once as a step of its own. */
    private static void dispatch(Execution.Builder b, int item, int attempt, int delaySeconds,
                                 List<Command> commands) {
        b.seq++;
        b.branches.put(b.token(), new Execution.Branch(item, attempt, StepStatus.PENDING, null, b.cause));
        commands.add(Command.runStep(b.token(), b.current, attempt, delaySeconds));
    }

    private static Outcome cancelRequested(Execution execution, Instant at) {
        if (execution.status().isFinal()) {
            return Outcome.ignored(execution, "the execution has ended");
        }
        if (execution.cancelRequested()) {
            return Outcome.ignored(execution, "cancel was already requested");
        }
        Execution.Builder b = execution.change();
        b.cancelRequested = true;
        List<Command> commands = new ArrayList<>();
        if (b.status == ExecutionStatus.WAITING) {
            cancel(b, at, commands);
        }
        return new Outcome(b.build(), commands, true, null);
    }

    private static void succeeded(PipelineDefinition definition, Execution.Builder b, StateDefinition state,
                                  StepSucceeded done, List<Command> commands) {
        b.vars.putAll(done.outputs());
        b.costUsd = b.costUsd.add(cost(done.cost()));
        if (StateDefinition.MAP.equals(state.type()) && b.mapIndex + 1 < itemCount(b, state)) {
            b.steps.put(b.current, b.step(b.current).charged(done.cost()).with(StepStatus.PENDING));
            b.mapIndex++;
            b.vars.put("item", b.vars.getOrDefault(state.items() + "." + b.mapIndex, ""));
            nextStep(b, 0, commands);
            return;
        }
        b.steps.put(b.current, b.step(b.current).finished(StepStatus.PASSED, done.at(), null, done.cost(), true));
        if (b.cancelRequested) {
            cancel(b, done.at(), commands);
        } else {
            enter(definition, b, state.next(), done.at(), commands, 0);
        }
    }

    private static void failed(PipelineDefinition definition, Execution.Builder b, StateDefinition state, String error,
                               boolean retryable, BigDecimal cost, Instant at, List<Command> commands) {
        b.costUsd = b.costUsd.add(cost(cost));
        RetryPolicy retry = state.retryPolicy();
        if (retryable && b.attempt < retry.maxAttempts() && !b.cancelRequested) {
            StepRecord step = b.step(b.current).charged(cost);
            b.steps.put(b.current, new StepRecord(StepStatus.PENDING, step.visits(), step.attempts(), step.commits(),
                    step.startedAt(), null, error, step.costUsd()));
            b.attempt++;
            nextStep(b, retry.delayBefore(b.attempt), commands);
            return;
        }
        failedForGood(definition, b, state, error, cost, at, commands);
    }

    /** The current state failed and will not be tried again: its error route, else the end of the execution. */
    private static void failedForGood(PipelineDefinition definition, Execution.Builder b, StateDefinition state,
                                      String error, BigDecimal cost, Instant at, List<Command> commands) {
        String name = b.current;
        b.steps.put(name, b.step(name).finished(StepStatus.FAILED, at, error, cost, true));
        if (b.cancelRequested) {
            cancel(b, at, commands);
        } else if (state.onError() != null) {
            b.vars.put("error", error);
            b.vars.put("failed_state", name);
            enter(definition, b, state.onError(), at, commands, 0);
        } else {
            fail(b, name + ": " + error, at, commands);
        }
    }

    private static Outcome decide(PipelineDefinition definition, Execution execution, String token, Instant at,
                                  String by, String reason, boolean approved) {
        if (execution.status() != ExecutionStatus.WAITING || !token.equals(execution.currentToken())) {
            return Outcome.ignored(execution, "no approval " + token + " is awaited");
        }
        Execution.Builder b = execution.change();
        b.cause = token;
        List<Command> commands = new ArrayList<>();
        String name = b.current;
        StateDefinition state = definition.state(name);
        b.status = ExecutionStatus.RUNNING;
        b.vars.put(name + ".decided_by", by == null ? "" : by);
        if (approved) {
            b.steps.put(name, b.step(name).finished(StepStatus.PASSED, at, null, BigDecimal.ZERO, true));
            enter(definition, b, state.next(), at, commands, 0);
        } else {
            String error = "rejected by " + (by == null ? "a reviewer" : by)
                    + (reason == null || reason.isBlank() ? "" : ": " + reason);
            b.steps.put(name, b.step(name).finished(StepStatus.FAILED, at, error, BigDecimal.ZERO, true));
            b.vars.put(name + ".reason", reason == null ? "" : reason);
            if (state.onReject() != null) {
                enter(definition, b, state.onReject(), at, commands, 0);
            } else {
                fail(b, name + " " + error, at, commands);
            }
        }
        return new Outcome(b.build(), commands, true, null);
    }

    private static void enter(PipelineDefinition definition, Execution.Builder b, String name, Instant at,
                              List<Command> commands, int hops) {
        if (name == null) {
            finish(b, ExecutionStatus.SUCCEEDED, null, at, commands);
            return;
        }
        StateDefinition state = definition.state(name);
        b.steps.put(name, b.step(name).entered());
        b.current = name;
        b.attempt = 1;
        b.mapIndex = 0;
        switch (state.type()) {
            case StateDefinition.TASK -> nextStep(b, 0, commands);
            case StateDefinition.MAP -> {
                if (itemCount(b, state) == 0) {
                    b.steps.put(name, b.step(name).finished(StepStatus.PASSED, at, null, BigDecimal.ZERO, true));
                    enter(definition, b, state.next(), at, commands, hops + 1);
                } else if (state.concurrency() > 1) {
                    int first = Math.min(state.concurrency(), itemCount(b, state));
                    for (b.mapIndex = 0; b.mapIndex < first; b.mapIndex++) {
                        dispatch(b, b.mapIndex, 1, 0, commands);
                    }
                } else {
                    b.vars.put("item", b.vars.getOrDefault(state.items() + ".0", ""));
                    nextStep(b, 0, commands);
                }
            }
            case StateDefinition.APPROVAL -> {
                b.seq++;
                b.status = ExecutionStatus.WAITING;
                b.steps.put(name, b.step(name).waiting(at));
                commands.add(Command.awaitApproval(b.token(), name));
            }
            case StateDefinition.CHOICE -> {
                b.steps.put(name, b.step(name).finished(StepStatus.PASSED, at, null, BigDecimal.ZERO, true));
                if (hops >= MAX_CHOICE_HOPS) {
                    fail(b, name + ": more than " + MAX_CHOICE_HOPS + " choices in a row without a task", at, commands);
                    return;
                }
                String target = state.choices().stream()
                        .filter(rule -> rule.matches(b.vars, s -> b.step(s).visits()))
                        .map(ChoiceRule::next).findFirst().orElse(state.otherwise());
                enter(definition, b, target, at, commands, hops + 1);
            }
            default -> throw new IllegalStateException("Unknown state type " + state.type());
        }
    }

    private static void nextStep(Execution.Builder b, int delaySeconds, List<Command> commands) {
        b.seq++;
        commands.add(Command.runStep(b.token(), b.current, b.attempt, delaySeconds));
    }

    private static void finish(Execution.Builder b, ExecutionStatus status, String error, Instant at,
                               List<Command> commands) {
        String token = b.token();
        b.branches.clear();
        b.steps.replaceAll((name, step) -> step.visits() == 0 && step.status() == StepStatus.PENDING
                ? step.with(StepStatus.SKIPPED) : step);
        b.status = status;
        b.error = error;
        b.current = null;
        b.finishedAt = at;
        commands.add(Command.finished(token, status, error));
    }

    private static void fail(Execution.Builder b, String error, Instant at, List<Command> commands) {
        finish(b, ExecutionStatus.FAILED, error, at, commands);
    }

    private static void cancel(Execution.Builder b, Instant at, List<Command> commands) {
        b.steps.replaceAll((name, step) -> step.status().isFinal() ? step : step.with(StepStatus.CANCELLED));
        finish(b, ExecutionStatus.CANCELLED, null, at, commands);
    }

    private static int itemCount(Execution.Builder b, StateDefinition state) {
        try {
            return Math.max(0, Integer.parseInt(b.vars.getOrDefault(state.items() + ".count", "0").strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static BigDecimal cost(BigDecimal cost) {
        return cost == null ? BigDecimal.ZERO : cost;
    }
}
