package dev.athanor.promptlab.eval;

import dev.athanor.core.promptlab.EvalRequest;
import dev.athanor.model.error.InvalidInputException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an evaluation request body, in camelCase (the seed's clients: {@code userPrompt}, {@code evalDataset},
 * {@code numSamples}, {@code scoringFunctions}) or snake_case; a field of the wrong type is a 422.
 */
final class EvalRequests {

    private EvalRequests() {
    }

    static EvalRequest read(Map<String, Object> body) {
        if (body == null) {
            throw new InvalidInputException("A JSON object body is required");
        }
        return new EvalRequest(
                text(body, "userPrompt", "user_prompt"),
                text(body, "systemPrompt", "system_prompt"),
                text(body, "evalDataset", "eval_dataset"),
                integer(body, "numSamples", "num_samples"),
                names(body, "scoringFunctions", "scoring_functions"),
                variables(body),
                text(body, "judgeModel", "judge_model"),
                number(body, "temperature", "temperature"),
                integer(body, "maxLen", "max_len"));
    }

    private static Object field(Map<String, Object> body, String camel, String snake) {
        return body.containsKey(camel) ? body.get(camel) : body.get(snake);
    }

    private static String text(Map<String, Object> body, String camel, String snake) {
        Object value = field(body, camel, snake);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new InvalidInputException(camel + " must be a string");
    }

    private static Integer integer(Map<String, Object> body, String camel, String snake) {
        Object value = field(body, camel, snake);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new InvalidInputException(camel + " must be an integer");
    }

    private static Double number(Map<String, Object> body, String camel, String snake) {
        Object value = field(body, camel, snake);
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        throw new InvalidInputException(camel + " must be a number");
    }

    private static List<String> names(Map<String, Object> body, String camel, String snake) {
        Object value = field(body, camel, snake);
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> list)) {
            throw new InvalidInputException(camel + " must be a list of names");
        }
        List<String> names = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof String name)) {
                throw new InvalidInputException(camel + " must be a list of names");
            }
            names.add(name);
        }
        return names;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> variables(Map<String, Object> body) {
        Object value = body.get("variables");
        if (value == null || value instanceof Map<?, ?>) {
            return (Map<String, Object>) value;
        }
        throw new InvalidInputException("variables must be an object");
    }
}
