package dev.athanor.gateway.ollama;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.ollama.OllamaGenerateRequest;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of {@code POST /ollama/generate} and {@code POST /ollama/pull}, each field checked by name (422 naming
 * every wrong field at once).
 */
final class OllamaRequests {

    /** Options beyond the documented three pass through under Ollama's own names (top_k, seed, stop, num_ctx, ...). */
    static final int MAX_OPTIONS = 64;

    /** @param stream answer as NDJSON lines, as Ollama streams */
    record Generate(OllamaGenerateRequest request, boolean stream) {
    }

    record Pull(String name, boolean stream) {
    }

    private OllamaRequests() {
    }

    /**
     * {@code model} and {@code prompt} as Ollama takes them, {@code system} and {@code context} (an earlier answer's,
     * to continue it) too; {@code options.max_tokens} is Ollama's {@code num_predict}.
     */
    static Generate generate(RequestFields fields) {
        String model = modelName(fields, "model");
        String prompt = fields.string("prompt");
        String system = fields.string("system");
        List<Long> context = context(fields);
        Boolean stream = fields.bool("stream");
        Map<String, Object> options = options(fields);
        fields.check();
        return new Generate(new OllamaGenerateRequest(model, prompt, system, context, options),
                Boolean.TRUE.equals(stream));
    }

    /** Pulls stream by default, as Ollama's own {@code /api/pull} does. */
    static Pull pull(RequestFields fields) {
        String name = modelName(fields, "name");
        Boolean stream = fields.bool("stream");
        fields.check();
        return new Pull(name, stream == null || stream);
    }

    /** A required model name; absent, null or not a name is an error on the field. */
    private static String modelName(RequestFields fields, String field) {
        boolean given = fields.node(field) != null;
        String name = fields.string(field);
        String problem = name == null ? null : OllamaModelNames.problem(name);
        if (!given) {
            fields.error(field, "is required");
        } else if (problem != null) {
            fields.error(field, problem);
        }
        return name;
    }

    private static List<Long> context(RequestFields fields) {
        JsonNode node = fields.node("context");
        if (node == null) {
            return null;
        }
        List<Long> tokens = new ArrayList<>();
        if (node.isArray()) {
            for (JsonNode token : node.values()) {
                if (!token.isNumber() || token.getNumberValue().doubleValue() != Math.rint(token.getNumberValue().doubleValue())
                        || token.getNumberValue().doubleValue() < 0) {
                    tokens = null;
                    break;
                }
                tokens.add(token.getNumberValue().longValue());
            }
        }
        if (!node.isArray() || tokens == null) {
            fields.error("context", "must be an array of token ids (whole numbers, 0 or more)");
            return null;
        }
        return tokens;
    }

    private static Map<String, Object> options(RequestFields fields) {
        Map<String, Object> given = fields.object("options");
        if (given == null) {
            return null;
        }
        if (given.size() > MAX_OPTIONS) {
            fields.error("options", "may hold at most " + MAX_OPTIONS + " settings");
            return null;
        }
        Map<String, Object> options = new LinkedHashMap<>();
        given.forEach((name, value) -> {
            if (value != null && !"max_tokens".equals(name)) {
                options.put(name, value); // Ollama checks its own options and refuses unknown ones
            }
        });
        Object temperature = given.get("temperature");
        if (temperature != null && !inRange(temperature, 0, 2)) {
            fields.error("options.temperature", "must be a number between 0 and 2");
        }
        Object topP = given.get("top_p");
        if (topP != null && !inRange(topP, 0, 1)) {
            fields.error("options.top_p", "must be a number between 0 and 1");
        }
        Object maxTokens = given.get("max_tokens");
        if (maxTokens != null) {
            if (maxTokens instanceof Number number && number.doubleValue() == Math.rint(number.doubleValue())
                    && number.doubleValue() >= 1 && number.doubleValue() <= Integer.MAX_VALUE) {
                options.put("num_predict", number.intValue());
            } else {
                fields.error("options.max_tokens", "must be an integer between 1 and 2147483647");
            }
        }
        return options.isEmpty() ? null : options;
    }

    private static boolean inRange(Object value, double min, double max) {
        return value instanceof Number number && number.doubleValue() >= min && number.doubleValue() <= max;
    }
}
