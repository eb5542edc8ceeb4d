package dev.athanor.model.pipeline;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What the runtime must do after a transition: send a step message (after {@code delaySeconds}), record that an
 * approval is awaited, or report that the execution ended. Kept with the execution until done (an outbox), so a
 * crash between the commit and the send is repaired by the message's redelivery.
 */
@Serdeable
public record Command(Kind kind, String token, @Nullable String state, int attempt, int delaySeconds,
                      @Nullable ExecutionStatus status, @Nullable String error) {

    public enum Kind { RUN_STEP, AWAIT_APPROVAL, FINISHED }

    public static Command runStep(String token, String state, int attempt, int delaySeconds) {
        return new Command(Kind.RUN_STEP, token, state, attempt, delaySeconds, null, null);
    }

    public static Command awaitApproval(String token, String state) {
        return new Command(Kind.AWAIT_APPROVAL, token, state, 0, 0, null, null);
    }

    public static Command finished(String token, ExecutionStatus status, String error) {
        return new Command(Kind.FINISHED, token, null, 0, 0, status, error);
    }
}
