package dev.athanor.promptlab.stream;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThinkSplitterTest {

    private static List<String> split(String... pieces) {
        ThinkSplitter splitter = new ThinkSplitter();
        List<ThinkSplitter.Part> parts = new ArrayList<>();
        for (String piece : pieces) {
            parts.addAll(splitter.accept(piece));
        }
        parts.addAll(splitter.finish());
        return parts.stream().map(p -> (p.thought() ? "T:" : "A:") + p.text()).toList();
    }

    @Test
    void text_outside_tags_is_answer_and_inside_is_thought() {
        assertEquals(List.of("A:Hi ", "T:hmm", "A: there"), split("Hi <think>hmm</think> there"));
    }

    @Test
    void tags_cut_across_pieces_are_recognised_without_losing_text() {
        assertEquals(List.of("T:Let", "T: me", "T: see", "A:Yes"),
                split("<thi", "nk>Let", " me", " see</th", "ink>", "Yes"));
    }

    @Test
    void a_held_back_lookalike_that_is_no_tag_is_released_as_text() {
        assertEquals(List.of("A:a ", "A:<b> c"), split("a <", "b> c"));
        assertEquals(List.of("A:x ", "A:<th"), split("x <th"));
    }

    @Test
    void tags_match_without_regard_to_case_and_an_unterminated_block_stays_thought() {
        assertEquals(List.of("T:plan", "A:ok", "T:more"), split("<THINK>plan</Think>ok<think>more"));
    }

    @Test
    void a_closing_tag_without_an_opening_one_is_dropped_from_the_answer() {
        assertEquals(List.of("A:early", "A: answer"), split("early</think> answer"));
    }
}
