package dev.athanor.gateway.embeddings;

import dev.athanor.gateway.chat.Params;
import dev.athanor.model.llm.EmbeddingRequest;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

import static dev.athanor.gateway.chat.Params.invalid;

/**
 * Reads an OpenAI embeddings request: {@code input} as a string, an array of strings, an array of token ids or an
 * array of such arrays (at most {@value #MAX_INPUTS} inputs, none empty); {@code model}; {@code dimensions};
 * {@code encoding_format} float or base64; {@code user}. A field of the wrong type or range is a 400 naming it.
 */
@Singleton
public class EmbeddingsParser {

    static final int MAX_INPUTS = 2048;

    /** A parsed request and whether to answer in base64. */
    public record Parsed(EmbeddingRequest request, boolean base64) {
    }

    public Parsed parse(JsonNode body) {
        String model = Params.model(body);
        List<String> texts = new ArrayList<>();
        List<List<Integer>> tokens = new ArrayList<>();
        input(body.get("input"), texts, tokens);
        Long dimensions = Params.integer(body, "dimensions", 1, 65536, "dimensions");
        String format = Params.oneOf(body, "encoding_format", "encoding_format", "float", "base64");
        return new Parsed(new EmbeddingRequest(model, texts, tokens, dimensions == null ? null : dimensions.intValue(),
                Params.string(body, "user", "user")), "base64".equals(format));
    }

    private static void input(JsonNode input, List<String> texts, List<List<Integer>> tokens) {
        if (input == null || input.isNull()) {
            throw invalid("input", "is required");
        }
        if (input.isString()) {
            texts.add(text(input, "input"));
            return;
        }
        if (!input.isArray() || input.size() == 0 || input.size() > MAX_INPUTS) {
            throw invalid("input", "must be a string or a non-empty array of at most " + MAX_INPUTS + " inputs");
        }
        JsonNode first = input.get(0);
        if (first.isNumber()) {
            tokens.add(tokenIds(input, "input")); // one input given as token ids
            return;
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode each = input.get(i);
            String field = "input[" + i + "]";
            if (first.isString() && each.isString()) {
                texts.add(text(each, field));
            } else if (first.isArray() && each.isArray()) {
                tokens.add(tokenIds(each, field));
            } else {
                throw invalid(field, "must be of one kind with the others: all strings or all arrays of token ids");
            }
        }
    }

    private static String text(JsonNode node, String field) {
        if (node.getStringValue().isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        return node.getStringValue();
    }

    private static List<Integer> tokenIds(JsonNode array, String field) {
        if (array.size() == 0) {
            throw invalid(field, "must not be empty");
        }
        List<Integer> ids = new ArrayList<>(array.size());
        for (JsonNode id : array.values()) {
            if (!id.isNumber() || id.getDoubleValue() != Math.floor(id.getDoubleValue()) || id.getDoubleValue() < 0
                    || id.getDoubleValue() > Integer.MAX_VALUE) {
                throw invalid(field, "token ids must be non-negative integers");
            }
            ids.add(id.getIntValue());
        }
        return ids;
    }

}
