package dev.athanor.model.rag;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkerTest {

    @Test
    void short_text_is_one_chunk_and_blank_text_none() {
        assertEquals(List.of("A short note."), new Chunker(100, 10).split("  A short note.  "));
        assertEquals(List.of(), new Chunker(100, 10).split(" \n\t "));
    }

    @Test
    void chunks_end_between_words_stay_within_size_and_overlap_the_previous_one() {
        String text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        List<String> chunks = new Chunker(20, 8).split(text);

        assertTrue(chunks.stream().allMatch(c -> c.length() <= 20), chunks.toString());
        assertEquals("one two three four", chunks.get(0));
        for (int i = 1; i < chunks.size(); i++) {
            String previous = chunks.get(i - 1);
            String firstWord = chunks.get(i).split(" ")[0];
            assertTrue(previous.endsWith(firstWord) || previous.contains(" " + firstWord + " ")
                    || previous.contains(firstWord), "chunk " + i + " starts inside the previous one: " + chunks);
            assertTrue(text.contains(chunks.get(i)), chunks.get(i));
        }
        assertTrue(chunks.get(chunks.size() - 1).endsWith("fourteen"), chunks.toString());
        String joined = String.join(" ", chunks);
        for (String word : text.split(" ")) {
            assertTrue(joined.contains(word), word + " lost: " + chunks);
        }
    }

    @Test
    void a_word_longer_than_a_chunk_is_cut_at_the_limit_and_surrogate_pairs_stay_whole() {
        List<String> chunks = new Chunker(5, 0).split("abcdefghijkl");
        assertEquals(List.of("abcde", "fghij", "kl"), chunks);
        String emoji = "\uD83D\uDE00".repeat(6);
        for (String chunk : new Chunker(5, 1).split(emoji)) {
            assertEquals(0, chunk.length() % 2, "a split pair in " + chunk);
        }
    }

    @Test
    void sizes_that_cannot_chunk_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> new Chunker(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Chunker(10, 10));
        assertThrows(IllegalArgumentException.class, () -> new Chunker(10, -1));
    }
}
