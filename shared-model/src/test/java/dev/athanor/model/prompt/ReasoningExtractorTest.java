package dev.athanor.model.prompt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class ReasoningExtractorTest {

    @Test
    void one_block_is_split_from_the_answer() {
        ReasonedText text = ReasoningExtractor.extract("<think>\nAdd 2 and 2.\n</think>\n\nThe answer is 4.");

        assertEquals("Add 2 and 2.", text.reasoning());
        assertEquals("The answer is 4.", text.answer());
    }

    @Test
    void several_blocks_are_joined_in_order_and_the_answer_keeps_the_text_between_them() {
        ReasonedText text = ReasoningExtractor.extract("<think>first</think>Part one. <THINK>second</Think>Part two.");

        assertEquals("first\n\nsecond", text.reasoning());
        assertEquals("Part one. Part two.", text.answer());
    }

    @Test
    void an_unterminated_block_is_reasoning_to_the_end() {
        ReasonedText text = ReasoningExtractor.extract("Intro <think>still thinking about");

        assertEquals("still thinking about", text.reasoning());
        assertEquals("Intro", text.answer());
    }

    @Test
    void a_closing_tag_without_an_opening_one_ends_reasoning_that_began_in_the_prompt() {
        ReasonedText text = ReasoningExtractor.extract("weighing options</think>Pick B.");

        assertEquals("weighing options", text.reasoning());
        assertEquals("Pick B.", text.answer());
    }

    @Test
    void text_without_tags_is_all_answer() {
        ReasonedText text = ReasoningExtractor.extract("  Just an answer. ");

        assertNull(text.reasoning());
        assertFalse(text.hasReasoning());
        assertEquals("Just an answer.", text.answer());
    }

    @Test
    void an_empty_block_is_no_reasoning() {
        ReasonedText text = ReasoningExtractor.extract("<think>  </think>Answer");

        assertNull(text.reasoning());
        assertEquals("Answer", text.answer());
    }
}
