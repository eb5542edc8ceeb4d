package dev.athanor.promptlab.eval;

import dev.athanor.model.promptlab.Evaluation.Aggregates;
import dev.athanor.model.promptlab.Evaluation.SampleResult;
import dev.athanor.model.promptlab.Evaluation.Score;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class EvalAggregatesTest {

    private static SampleResult passed(int index, double relevance, double clarity) {
        return new SampleResult(index, Map.of("text", "t"), null, SampleResult.PASSED, "answer",
                Map.of("relevance", new Score(relevance, "r"), "clarity", new Score(clarity, "c")),
                (relevance + clarity) / 2, null);
    }

    @Test
    void means_per_function_and_overall_count_only_judged_samples() {
        SampleResult failed = new SampleResult(2, Map.of(), null, SampleResult.FAILED, null, Map.of(), null, "boom");
        Aggregates aggregates = PromptEvalRunner.aggregates(List.of("relevance", "clarity"),
                List.of(passed(0, 8, 6), passed(1, 7, 4), failed));
        assertEquals(Map.of("relevance", 7.5, "clarity", 5.0), aggregates.meanScores());
        assertEquals(6.25, aggregates.overall());
        assertEquals(3, aggregates.total());
        assertEquals(2, aggregates.passed());
        assertEquals(1, aggregates.failed());
    }

    @Test
    void no_judged_sample_gives_no_means() {
        SampleResult failed = new SampleResult(0, Map.of(), null, SampleResult.FAILED, null, Map.of(), null, "boom");
        Aggregates aggregates = PromptEvalRunner.aggregates(List.of("relevance"), List.of(failed));
        assertEquals(Map.of(), aggregates.meanScores());
        assertNull(aggregates.overall());
        assertEquals(1, aggregates.failed());
    }
}
