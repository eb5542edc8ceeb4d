package dev.athanor.orchestrator.github;

import dev.athanor.model.error.InvalidInputException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task needs from GitHub's {@code issues} event payload: the action, the issue (number, title, body, label
 * names, whether it is a pull request) and the repository it belongs to. A title is cut to {@value #MAX_TITLE}
 * characters and the labels to the first {@value #MAX_LABELS}, the limits of a task made through the API.
 *
 * @param repository the repository's {@code html_url}, else its {@code full_name}; null when the payload has none
 */
record IssueEvent(String action, int number, String title, @Nullable String body, List<String> labels,
                  boolean pullRequest, @Nullable String repository) {

    static final int MAX_TITLE = 200;
    static final int MAX_LABELS = 20;
    static final int MAX_LABEL = 100;

    /** @throws InvalidInputException naming each field the payload lacks */
    static IssueEvent read(JsonNode payload) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        String action = text(payload, "action");
        if (action == null) {
            errors.put("action", List.of("is required"));
        }
        JsonNode issue = payload.get("issue");
        if (issue == null || !issue.isObject()) {
            errors.put("issue", List.of("is required"));
            throw invalid(errors);
        }
        JsonNode number = issue.get("number");
        if (number == null || !number.isNumber() || number.getNumberValue().doubleValue() < 1
                || number.getNumberValue().doubleValue() > Integer.MAX_VALUE
                || number.getNumberValue().doubleValue() != Math.rint(number.getNumberValue().doubleValue())) {
            errors.put("issue.number", List.of("must be a positive integer"));
        }
        String title = text(issue, "title");
        if (title == null || title.isBlank()) {
            errors.put("issue.title", List.of("is required"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        String body = text(issue, "body");
        JsonNode pullRequest = issue.get("pull_request");
        return new IssueEvent(action, number.getNumberValue().intValue(), cut(title.strip()),
                body == null || body.isBlank() ? null : body, labels(issue.get("labels")),
                pullRequest != null && !pullRequest.isNull(), repository(payload));
    }

    /** The repository a payload (of any event) names; null when it names none. */
    @Nullable
    static String repository(JsonNode payload) {
        JsonNode repository = payload.get("repository");
        if (repository == null || !repository.isObject()) {
            return null;
        }
        String url = text(repository, "html_url");
        return url != null ? url : text(repository, "full_name");
    }

    @Nullable
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    private static List<String> labels(@Nullable JsonNode labels) {
        List<String> names = new ArrayList<>();
        if (labels == null || !labels.isArray()) {
            return names;
        }
        for (JsonNode label : labels.values()) {
            // a label is an object with a name; older payloads and other tools send the name alone
            String name = label.isString() ? label.getStringValue() : label.isObject() ? text(label, "name") : null;
            if (name != null && !name.isBlank() && names.size() < MAX_LABELS) {
                String stripped = name.strip();
                names.add(stripped.length() <= MAX_LABEL ? stripped : stripped.substring(0, MAX_LABEL));
            }
        }
        return names;
    }

    private static String cut(String title) {
        return title.length() <= MAX_TITLE ? title : title.substring(0, MAX_TITLE - 3) + "...";
    }

    private static InvalidInputException invalid(Map<String, List<String>> errors) {
        List<String> problems = new ArrayList<>();
        errors.forEach((field, messages) -> messages.forEach(m -> problems.add(field + " " + m)));
        return new InvalidInputException("Invalid issues event: " + String.join("; ", problems), errors);
    }
}
