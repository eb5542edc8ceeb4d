package dev.athanor.promptlab.eval;

import dev.athanor.model.promptlab.Evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables of an evaluation's pipeline run: what the steps need to know (ids, models, prompts, scoring
 * functions, sampling) and the batches the map state runs over ({@code batches.<i>} = {@code <from>-<to>}, the
 * end exclusive).
 */
final class EvalVariables {

    static final String EVAL_ID = "eval_id";
    static final String PROJECT_ID = "project_id";
    static final String MODEL = "model";
    static final String JUDGE_MODEL = "judge_model";
    static final String USER_PROMPT = "user_prompt";
    static final String SYSTEM_PROMPT = "system_prompt";
    static final String SCORING_FUNCTIONS = "scoring_functions";
    static final String TEMPERATURE = "temperature";
    static final String MAX_TOKENS = "max_tokens";
    static final String BATCHES = "batches";

    private EvalVariables() {
    }

    static Map<String, String> input(Evaluation evaluation, EvalRequest request, int batchSize) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put(EVAL_ID, evaluation.id());
        vars.put(PROJECT_ID, Long.toString(evaluation.projectId()));
        vars.put(MODEL, evaluation.model());
        vars.put(JUDGE_MODEL, evaluation.judgeModel());
        vars.put(USER_PROMPT, evaluation.userPrompt());
        if (evaluation.systemPrompt() != null) {
            vars.put(SYSTEM_PROMPT, evaluation.systemPrompt());
        }
        // scoring function names hold no line breaks (validated), so one per line is unambiguous
        vars.put(SCORING_FUNCTIONS, String.join("\n", evaluation.scoringFunctions()));
        if (request.temperature() != null) {
            vars.put(TEMPERATURE, request.temperature().toString());
        }
        if (request.maxLen() != null) {
            vars.put(MAX_TOKENS, request.maxLen().toString());
        }
        int batches = 0;
        for (int from = 0; from < evaluation.numSamples(); from += batchSize) {
            vars.put(BATCHES + "." + batches, from + "-" + Math.min(from + batchSize, evaluation.numSamples()));
            batches++;
        }
        vars.put(BATCHES + ".count", Integer.toString(batches));
        return vars;
    }

    static List<String> scoringFunctions(Map<String, String> vars) {
        return List.of(vars.getOrDefault(SCORING_FUNCTIONS, "").split("\n"));
    }
}
