package dev.athanor.orchestrator.execution;

import dev.athanor.core.http.RequestFields;
import dev.athanor.orchestrator.routing.TaskTypes;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/orchestration/execute}, checked: {@code prompt} (required), {@code task_type},
 * {@code files}, {@code workspace}, {@code requires_security} as documented, and the extras that make a task of it
 * ({@code project_id}, {@code title}, {@code labels}, {@code issue_number}) or continue a session
 * ({@code session_id}).
 */
record ExecuteInput(String prompt, @Nullable String taskType, List<String> files, @Nullable String workspace,
                    boolean requiresSecurity, @Nullable String projectId, @Nullable String title, List<String> labels,
                    @Nullable Integer issueNumber, @Nullable String sessionId) {

    static final int MAX_PROMPT = 100_000;
    static final int MAX_FILES = 50;
    static final int MAX_PATTERN = 300;
    static final int MAX_LABELS = 20;

    static ExecuteInput read(RequestFields fields) {
        String prompt = fields.string("prompt");
        if (fields.valid() && (prompt == null || prompt.isBlank())) {
            fields.error("prompt", "is required");
        } else if (prompt != null && prompt.length() > MAX_PROMPT) {
            fields.error("prompt", "must be at most " + MAX_PROMPT + " characters");
        }
        String taskType = blankToNull(fields.string("task_type"));
        if (taskType != null && !TaskTypes.known(taskType)) {
            fields.error("task_type", "must be one of " + String.join(", ", TaskTypes.names()));
        }
        List<String> files = texts(fields, "files", MAX_FILES, MAX_PATTERN);
        String workspace = blankToNull(fields.string("workspace"));
        if (workspace != null && (workspace.length() > MAX_PATTERN || workspace.startsWith("/")
                || workspace.contains("\\") || workspace.matches("^[A-Za-z]:.*") || workspace.startsWith("~")
                || List.of(workspace.split("/")).contains("..") || workspace.indexOf('\0') >= 0)) {
            fields.error("workspace", "must be a relative folder of the project's files, without '..'");
        }
        Boolean security = fields.bool("requires_security");
        String projectId = blankToNull(fields.string("project_id"));
        String title = blankToNull(fields.string("title"));
        if (title != null && title.strip().length() > 200) {
            fields.error("title", "must be at most 200 characters");
        }
        List<String> labels = texts(fields, "labels", MAX_LABELS, 100);
        Integer issue = fields.integer("issue_number");
        if (issue != null && issue < 1) {
            fields.error("issue_number", "must be at least 1");
        }
        String session = blankToNull(fields.string("session_id"));
        if (session != null && session.length() > 100) {
            fields.error("session_id", "must be at most 100 characters");
        }
        fields.check("request");
        return new ExecuteInput(prompt, taskType, files, workspace, Boolean.TRUE.equals(security), projectId,
                title == null ? null : title.strip(), labels, issue, session);
    }

    private static List<String> texts(RequestFields fields, String name, int max, int maxLength) {
        JsonNode node = fields.node(name);
        if (node == null) {
            return List.of();
        }
        if (!node.isArray()) {
            fields.error(name, "must be an array of strings");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : node.values()) {
            if (!item.isString() || item.getStringValue().isBlank() || item.getStringValue().length() > maxLength) {
                fields.error(name, "must hold non-empty strings of at most " + maxLength + " characters");
                return List.of();
            }
            values.add(item.getStringValue().strip());
        }
        if (values.size() > max) {
            fields.error(name, "must hold at most " + max + " items");
        }
        return values;
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
