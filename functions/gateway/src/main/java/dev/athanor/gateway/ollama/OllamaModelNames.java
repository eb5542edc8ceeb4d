package dev.athanor.gateway.ollama;

import dev.athanor.model.error.InvalidInputException;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Model names as Ollama takes them: {@code name}, {@code name:tag}, with a {@code namespace/} and a registry
 * {@code host[:port]/} before it when pulled from elsewhere ({@code registry.example.com:5000/team/model:v1}).
 * Checked before any call, so a path-like or control-character name never reaches the server.
 */
final class OllamaModelNames {

    static final int MAX_LENGTH = 255;

    private static final String PART = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private static final Pattern NAME = Pattern.compile(
            "(?:[A-Za-z0-9][A-Za-z0-9.-]*(?::[0-9]{1,5})?/)?(?:" + PART + "/)?" + PART
                    + "(?::[A-Za-z0-9_][A-Za-z0-9._-]*)?");
    private static final String RULE = "must be a model name such as llama3.2 or llama2:7b (letters, digits, '.', "
            + "'_', '-', an optional :tag, namespace/ and registry host/; at most " + MAX_LENGTH + " characters)";

    private OllamaModelNames() {
    }

    /** Null when {@code name} is one; else what is wrong with it. */
    static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "is required";
        }
        if (name.length() > MAX_LENGTH || name.contains("..") || !NAME.matcher(name).matches()) {
            return RULE;
        }
        return null;
    }

    /** @throws InvalidInputException naming {@code field} when {@code name} is not a model name */
    static String check(String field, String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidInputException(field + " " + problem, Map.of(field, List.of(problem)));
        }
        return name;
    }
}
