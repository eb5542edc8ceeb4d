package dev.athanor.core.promptlab;

/**
 * The prompt lab's evaluation pipeline ({@code pipelines/prompt-eval.json}): a map state {@value #SCORE} over
 * batches of samples, then a task {@value #AGGREGATE}.
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
}
