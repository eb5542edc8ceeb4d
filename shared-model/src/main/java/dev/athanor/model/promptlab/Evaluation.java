package dev.athanor.model.promptlab;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One LLM-as-judge evaluation of a project's prompt over a dataset: what was asked, where it stands, and, once it has
 * ended, the aggregates. The per-sample results are kept apart (they may be large); {@code samples} is filled only
 * when a single evaluation is read. The surface gives its own wire shape (snake_case).
 */
@Serdeable
public record Evaluation(String id,
                         long projectId,
                         String status,
                         String dataset,
                         int numSamples,
                         List<String> scoringFunctions,
                         String model,
                         String judgeModel,
                         String userPrompt,
                         @Nullable String systemPrompt,
                         @Nullable Aggregates aggregates,
                         @Nullable String error,
                         Instant createdAt,
                         @Nullable Instant finishedAt,
                         @Nullable List<SampleResult> samples) {

    public static final String RUNNING = "running";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";

    public Evaluation {
        scoringFunctions = List.copyOf(scoringFunctions);
        samples = samples == null ? null : List.copyOf(samples);
    }

    public boolean ended() {
        return !RUNNING.equals(status);
    }

    public Evaluation completed(Aggregates result, Instant at) {
        return new Evaluation(id, projectId, COMPLETED, dataset, numSamples, scoringFunctions, model, judgeModel,
                userPrompt, systemPrompt, result, null, createdAt, at, null);
    }

    public Evaluation failed(String reason, Instant at) {
        return new Evaluation(id, projectId, FAILED, dataset, numSamples, scoringFunctions, model, judgeModel,
                userPrompt, systemPrompt, aggregates, reason, createdAt, at, null);
    }

    public Evaluation withSamples(List<SampleResult> results) {
        return new Evaluation(id, projectId, status, dataset, numSamples, scoringFunctions, model, judgeModel,
                userPrompt, systemPrompt, aggregates, error, createdAt, finishedAt, results);
    }

    /** The judge's verdict on one scoring function: a score from 1 to 10 and why. */
    @Serdeable
    public record Score(double score, String reason) {
    }

    /**
     * How one sample went: {@code passed} when the model answered and every scoring function was judged,
     * {@code failed} (with the error) when the model or the judge kept failing.
     */
    @Serdeable
        public record SampleResult(int index,
                               Map<String, String> variables,
                               @Nullable String expected,
                               String status,
                               @Nullable String output,
                               Map<String, Score> scores,
                               @Nullable Double meanScore,
                               @Nullable String error) {

        public static final String PASSED = "passed";
        public static final String FAILED = "failed";

        public SampleResult {
            variables = variables == null ? Map.of() : Map.copyOf(variables);
            scores = scores == null ? Map.of() : Map.copyOf(scores);
        }
    }

    /**
     * What the samples add up to: the mean score of each scoring function and over all of them (null when no
     * sample was judged), and how many samples passed and failed.
     */
    @Serdeable
    public record Aggregates(Map<String, Double> meanScores,
                             @Nullable Double overall,
                             int total,
                             int passed,
                             int failed) {

        public Aggregates {
            meanScores = meanScores == null ? Map.of() : Map.copyOf(meanScores); // stored JSON omits an empty map
        }
    }
}
