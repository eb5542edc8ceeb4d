package dev.athanor.promptlab.eval;

import dev.athanor.core.http.RequestFields;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads an evaluation request body, in camelCase (the seed's clients: {@code userPrompt}, {@code evalDataset},
 * {@code numSamples}, {@code scoringFunctions}) or snake_case; every field of the wrong type is named in one 422.
 */
final class EvalRequests {

    private EvalRequests() {
    }

    static EvalRequest read(RequestFields body) {
        EvalRequest request = new EvalRequest(
                body.string("userPrompt"),
                body.string("systemPrompt"),
                body.string("evalDataset"),
                body.integer("numSamples"),
                names(body, "scoringFunctions"),
                body.object("variables"),
                body.string("judgeModel"),
                body.number("temperature"),
                body.integer("maxLen"));
        body.check("evaluation");
        return request;
    }

    private static List<String> names(RequestFields body, String name) {
        JsonNode node = body.node(name);
        if (node == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(item -> names.add(item.isString() ? item.getStringValue() : null));
        }
        if (!node.isArray() || names.contains(null)) {
            body.error(name, "must be a list of names");
            return null;
        }
        return names;
    }
}
