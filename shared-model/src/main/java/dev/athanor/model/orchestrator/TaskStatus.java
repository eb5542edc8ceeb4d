package dev.athanor.model.orchestrator;

import dev.athanor.model.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/** Where an orchestrator task stands (seed 002's TaskStatus). */
public enum TaskStatus {
    PENDING, IN_PROGRESS, COMPLETED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETED || this == FAILED;
    }

    /** @throws InvalidInputException naming the accepted values */
    public static TaskStatus fromWire(String value) {
        for (TaskStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException("status must be one of " + String.join(", ",
                Arrays.stream(values()).map(TaskStatus::wireName).toList()));
    }
}
