package dev.athanor.orchestrator.tasks;

import dev.athanor.core.http.QueryNumbers;
import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.orchestrator.TaskStatus;
import io.micronaut.core.annotation.Nullable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/tasks} asks for: an optional project (any text: an unknown one matches nothing) and status,
 * a page from 1 and a page size from 1 to {@value #MAX_PAGE_SIZE}. An empty parameter counts as absent.
 */
record TaskQuery(@Nullable String projectId, @Nullable TaskStatus status, int page, int pageSize) {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    /** @throws InvalidInputException naming every parameter that is not acceptable, each with its problem */
    static TaskQuery of(@Nullable String projectId, @Nullable String status, @Nullable String page,
                        @Nullable String pageSize) {
        Map<String, List<String>> problems = new LinkedHashMap<>();
        TaskStatus wanted = status(status, problems);
        int number = number("page", page, 1, Integer.MAX_VALUE, problems);
        int size = number("page_size", pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, problems);
        if (!problems.isEmpty()) {
            List<String> message = new ArrayList<>();
            problems.forEach((name, texts) -> texts.forEach(text -> message.add(name + " " + text)));
            throw new InvalidInputException(String.join("; ", message), problems);
        }
        return new TaskQuery(projectId == null || projectId.isEmpty() ? null : projectId, wanted, number, size);
    }

    @Nullable
    private static TaskStatus status(@Nullable String value, Map<String, List<String>> problems) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        for (TaskStatus status : TaskStatus.values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        problems.put("status", List.of("must be one of " + String.join(", ",
                Arrays.stream(TaskStatus.values()).map(TaskStatus::wireName).toList())));
        return null;
    }

    private static int number(String name, @Nullable String value, int fallback, int max,
                              Map<String, List<String>> problems) {
        try {
            return QueryNumbers.between(name, value, fallback, 1, max);
        } catch (InvalidInputException invalid) {
            problems.putAll(invalid.fieldErrors());
            return fallback;
        }
    }
}
