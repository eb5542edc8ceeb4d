package dev.athanor.core.promptlab;

/**
 * The prompt lab's evaluation pipeline ({@code pipelines/prompt-eval.json}): a map state {@value #SCORE} over
 * batches of samples, then a task {@value #AGGREGATE}; and where an evaluation's files live in the team's area.
 */
public final class PromptEvalPipeline {

    public static final String ID = "prompt-eval";
    public static final String SCORE = "score";
    public static final String AGGREGATE = "aggregate";

    private PromptEvalPipeline() {
    }

    public static String executionId(String evalId) {
        return ID + "/" + evalId;
    }

    static String prefix(String evalId) {
        return "prompt-lab/evals/" + evalId + "/";
    }

    /** The samples chosen when the evaluation started, as JSONL. */
    static String samplesPath(String evalId) {
        return prefix(evalId) + "samples.jsonl";
    }

    static String resultsPrefix(String evalId) {
        return prefix(evalId) + "results/";
    }

    /** The results of the batch starting at sample {@code from}: the same key on every run of that batch. */
    static String resultsPath(String evalId, int from) {
        return resultsPrefix(evalId) + String.format("%06d.json", from);
    }
}
