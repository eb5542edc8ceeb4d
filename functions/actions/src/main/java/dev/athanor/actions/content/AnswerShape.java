package dev.athanor.actions.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a parsed JSON answer against the small JSON Schema subset the content helpers ask for: objects with
 * {@code properties} and {@code required}, arrays with {@code items} and {@code minItems}, strings with
 * {@code minLength}. Returns the problems found, each naming where (an empty list: the answer fits).
 */
final class AnswerShape {

    private AnswerShape() {
    }

    static List<String> problems(Map<String, Object> schema, Object value) {
        List<String> problems = new ArrayList<>();
        check(schema, value, "answer", problems);
        return problems;
    }

    @SuppressWarnings("unchecked")
    private static void check(Map<String, Object> schema, Object value, String where, List<String> problems) {
        String type = (String) schema.get("type");
        switch (type) {
            case "object" -> {
                if (!(value instanceof Map<?, ?> object)) {
                    problems.add(where + " must be a JSON object");
                    return;
                }
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                for (String name : (List<String>) schema.getOrDefault("required", List.of())) {
                    if (!object.containsKey(name) || object.get(name) == null) {
                        problems.add(where + "." + name + " is missing");
                    }
                }
                properties.forEach((name, property) -> {
                    if (object.get(name) != null) {
                        check((Map<String, Object>) property, object.get(name), where + "." + name, problems);
                    }
                });
            }
            case "array" -> {
                if (!(value instanceof List<?> list)) {
                    problems.add(where + " must be a JSON array");
                    return;
                }
                Number min = (Number) schema.get("minItems");
                if (min != null && list.size() < min.intValue()) {
                    problems.add(where + " must have at least " + min + " items");
                }
                Map<String, Object> items = (Map<String, Object>) schema.get("items");
                for (int i = 0; items != null && i < list.size(); i++) {
                    check(items, list.get(i), where + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!(value instanceof String text)) {
                    problems.add(where + " must be a string");
                    return;
                }
                Number min = (Number) schema.get("minLength");
                if (min != null && text.strip().length() < min.intValue()) {
                    problems.add(where + " must not be empty");
                }
            }
            default -> throw new IllegalArgumentException("Unsupported schema type " + type);
        }
    }
}
