package dev.athanor.promptlab.eval;

import dev.athanor.model.promptlab.Evaluation.Score;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoreParserTest {

    @Test
    void the_asked_for_two_line_answer_gives_score_and_reason() {
        Score score = ScoreParser.parse("Score: 8\nReason: Covers the main point briefly.").orElseThrow();
        assertEquals(8.0, score.score());
        assertEquals("Covers the main point briefly.", score.reason());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "**Score:** 7/10 Reason: fine|7.0",
            "{\"score\": 9, \"reason\": \"accurate\"}|9.0",
            "I would give it 6/10 because it misses a detail.|6.0",
            "Rating = 4.5|4.5",
            "10 - excellent in every way|10.0",
            "score: 3 (out of 10)|3.0",
            "SCORE:2|2.0"})
    void wandering_answers_are_read(String answer, double expected) {
        assertEquals(expected, ScoreParser.parse(answer).orElseThrow().score());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Score: 0", "Score: 11", "I cannot judge this.", "15/10 amazing",
            "Score: excellent"})
    void answers_without_a_score_from_1_to_10_give_none(String answer) {
        assertTrue(ScoreParser.parse(answer).isEmpty(), answer);
    }

    @Test
    void the_reason_of_a_json_answer_loses_its_quotes_and_brace() {
        Optional<Score> score = ScoreParser.parse("{\"score\": 5, \"reason\": \"too long\"}");
        assertEquals("too long", score.orElseThrow().reason());
    }

    @Test
    void an_answer_without_a_reason_label_is_its_own_reason() {
        assertEquals("7/10 good", ScoreParser.parse("7/10 good").orElseThrow().reason());
    }
}
