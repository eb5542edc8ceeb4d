package dev.athanor.core.pipeline;

/** Another delivery of the same step holds its lease: this one must come back later (through SQS's retry). */
public class StepBusyException extends RuntimeException {

    public StepBusyException(String token, java.time.Instant leaseUntil) {
        super("Step " + token + " is being run by another delivery until " + leaseUntil + "; retrying later");
    }
}
