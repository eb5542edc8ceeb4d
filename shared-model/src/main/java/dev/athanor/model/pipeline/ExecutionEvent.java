package dev.athanor.model.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** What can happen to an execution. Step events carry the token of the step they are about. */
public sealed interface ExecutionEvent {

    Instant at();

    record Started(Instant at) implements ExecutionEvent {
    }

    /** A worker is about to run the step: the cancel flag is honoured here, before anything is spent. */
    record StepStarted(String token, Instant at) implements ExecutionEvent {
    }

    /** @param outputs variables the step sets; @param cost what its calls cost */
    record StepSucceeded(String token, Instant at, Map<String, String> outputs, BigDecimal cost)
            implements ExecutionEvent {
    }

    /** @param retryable whether the state's retry policy may try again */
    record StepFailed(String token, Instant at, String error, boolean retryable, BigDecimal cost)
            implements ExecutionEvent {
    }

    record TimedOut(String token, Instant at, int afterSeconds) implements ExecutionEvent {
    }

    /** The step's message failed every delivery (it is on its way to the dead-letter queue). */
    record Abandoned(String token, Instant at, String error) implements ExecutionEvent {
    }

    record Approved(String token, Instant at, String by) implements ExecutionEvent {
    }

    record Rejected(String token, Instant at, String by, String reason) implements ExecutionEvent {
    }

    record CancelRequested(Instant at) implements ExecutionEvent {
    }
}
