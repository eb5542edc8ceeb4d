package dev.athanor.orchestrator.metrics;

import dev.athanor.model.error.InvalidInputException;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The {@code period} of the cost and agent reports: the last 7, 30 (the default) or 90 UTC days, today included. */
enum Period {
    DAYS_7("7d", 7), DAYS_30("30d", 30), DAYS_90("90d", 90);

    private final String wireName;
    private final int days;

    Period(String wireName, int days) {
        this.wireName = wireName;
        this.days = days;
    }

    String wireName() {
        return wireName;
    }

    int days() {
        return days;
    }

    /** @throws InvalidInputException naming {@code period} when it is not one of the three */
    static Period of(String value) {
        if (value == null || value.isEmpty()) {
            return DAYS_30;
        }
        for (Period period : values()) {
            if (period.wireName.equals(value)) {
                return period;
            }
        }
        String problem = "must be one of " + String.join(", ", Arrays.stream(values()).map(p -> p.wireName).toList());
        throw new InvalidInputException("period " + problem, Map.of("period", List.of(problem)));
    }
}
