package dev.athanor.model.pipeline;

/** Where an execution stands. The last three are final. */
public enum ExecutionStatus {
    RUNNING, WAITING, SUCCEEDED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
