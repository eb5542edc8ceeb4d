package dev.athanor.promptlab.eval;

import dev.athanor.core.pipeline.Pipeline;
import jakarta.inject.Singleton;

/**
 * The prompt lab's evaluation pipeline ({@code pipelines/prompt-eval.json}): a map state running {@value #SCORE}
 * over batches of samples, then a task running {@value #AGGREGATE}.
 */
@Singleton
public class PromptEvalPipeline implements Pipeline {

    public static final String ID = "prompt-eval";
    /** The action that answers and judges one batch of samples. */
    public static final String SCORE = "prompt-eval.score";
    /** The action that adds up the scores of every batch. */
    public static final String AGGREGATE = "prompt-eval.aggregate";

    @Override
    public String id() {
        return ID;
    }

    public static String executionId(String evalId) {
        return ID + "/" + evalId;
    }
}
