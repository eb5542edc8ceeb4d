package dev.athanor.promptlab.eval;

import io.micronaut.core.annotation.Nullable;

import java.util.List;
import java.util.Map;

/**
 * What a client asks to evaluate: the prompt (with {@code {{variables}}}), the dataset and how many of its samples,
 * the scoring functions the judge applies, default variables (a sample's own variables win), and optionally the
 * judge's model (default: the project's) and sampling parameters for the model under test.
 */
public record EvalRequest(@Nullable String userPrompt,
                          @Nullable String systemPrompt,
                          @Nullable String evalDataset,
                          @Nullable Integer numSamples,
                          @Nullable List<String> scoringFunctions,
                          @Nullable Map<String, Object> variables,
                          @Nullable String judgeModel,
                          @Nullable Double temperature,
                          @Nullable Integer maxLen) {
}
