package dev.athanor.model.pipeline;

/** Where one state of an execution stands; {@code WAITING} is an approval awaiting its decision. */
public enum StepStatus {
    PENDING, RUNNING, WAITING, PASSED, FAILED, SKIPPED, CANCELLED;

    public boolean isFinal() {
        return this == PASSED || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
