package dev.athanor.promptlab.eval;

import dev.athanor.promptlab.json.RequestFields;
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
                body.string("userPrompt", "user_prompt"),
                body.string("systemPrompt", "system_prompt"),
                body.string("evalDataset", "eval_dataset"),
                body.integer("numSamples", "num_samples"),
                names(body, "scoringFunctions", "scoring_functions"),
                body.object("variables"),
                body.string("judgeModel", "judge_model"),
                body.number("temperature"),
                body.integer("maxLen", "max_len"));
        body.check("evaluation");
        return request;
    }

    private static List<String> names(RequestFields body, String... spellings) {
        JsonNode node = body.node(spellings);
        if (node == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.values().forEach(item -> names.add(item.isString() ? item.getStringValue() : null));
        }
        if (!node.isArray() || names.contains(null)) {
            body.error(spellings[0], "must be a list of names");
            return null;
        }
        return names;
    }
}
