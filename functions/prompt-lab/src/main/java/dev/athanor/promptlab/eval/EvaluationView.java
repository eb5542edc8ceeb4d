package dev.athanor.promptlab.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.athanor.model.promptlab.Evaluation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation on the wire (snake_case); {@code samples} is present only when one evaluation is read: the start's
 * answer and the history leave it out rather than show a null that would read as "no samples".
 */
@Serdeable
record EvaluationView(@JsonProperty("eval_id") String evalId,
                      @JsonProperty("project_id") long projectId,
                      String status,
                      @JsonProperty("eval_dataset") String evalDataset,
                      @JsonProperty("num_samples") int numSamples,
                      @JsonProperty("scoring_functions") List<String> scoringFunctions,
                      String model,
                      @JsonProperty("judge_model") String judgeModel,
                      @JsonProperty("user_prompt") String userPrompt,
                      @JsonProperty("system_prompt") @Nullable String systemPrompt,
                      @Nullable AggregatesView aggregates,
                      @Nullable String error,
                      @JsonProperty("created_at") Instant createdAt,
                      @JsonProperty("finished_at") @Nullable Instant finishedAt,
                      @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<SampleView> samples) {

    static EvaluationView of(Evaluation e) {
        return new EvaluationView(e.id(), e.projectId(), e.status(), e.dataset(), e.numSamples(),
                e.scoringFunctions(), e.model(), e.judgeModel(), e.userPrompt(), e.systemPrompt(),
                e.aggregates() == null ? null : AggregatesView.of(e.aggregates()), e.error(), e.createdAt(),
                e.finishedAt(), e.samples() == null ? null : e.samples().stream().map(SampleView::of).toList());
    }

    /** Means per scoring function and overall (over judged samples), and the sample counts. */
    @Serdeable
    record AggregatesView(@JsonProperty("mean_scores") Map<String, Double> meanScores,
                          @JsonProperty("overall_score") @Nullable Double overallScore,
                          int total,
                          int passed,
                          int failed) {

        static AggregatesView of(Evaluation.Aggregates a) {
            return new AggregatesView(a.meanScores(), a.overall(), a.total(), a.passed(), a.failed());
        }
    }

    /** One sample's outcome: the model's output and the judge's score and reason per scoring function. */
    @Serdeable
    record SampleView(int index,
                      Map<String, String> variables,
                      @Nullable String expected,
                      String status,
                      @Nullable String output,
                      Map<String, Evaluation.Score> scores,
                      @JsonProperty("mean_score") @Nullable Double meanScore,
                      @Nullable String error) {

        static SampleView of(Evaluation.SampleResult r) {
            return new SampleView(r.index(), r.variables(), r.expected(), r.status(), r.output(),
                    new LinkedHashMap<>(r.scores()), r.meanScore(), r.error());
        }
    }
}
