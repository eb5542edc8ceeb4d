package dev.athanor.model.rag;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a document's text into chunks of at most {@code size} characters, each starting {@code overlap} characters
 * before the previous one ended, so a sentence cut by a boundary is whole in one of the two. A chunk ends at the last
 * whitespace before its limit when there is one in its second half (words are not split), else at the limit.
 * Surrogate pairs are never split. Blank text has no chunks.
 */
public final class Chunker {

    private final int size;
    private final int overlap;

    /**
     * @throws IllegalArgumentException when size is below 1 or overlap is negative or not below size
     */
    public Chunker(int size, int overlap) {
        if (size < 1 || overlap < 0 || overlap >= size) {
            throw new IllegalArgumentException("Chunks need size >= 1 and 0 <= overlap < size, not " + size + "/"
                    + overlap);
        }
        this.size = size;
        this.overlap = overlap;
    }

    public List<String> split(String text) {
        List<String> chunks = new ArrayList<>();
        String content = text.strip();
        int start = 0;
        while (start < content.length()) {
            int end = Math.min(content.length(), start + size);
            if (end < content.length()) {
                int space = lastWhitespace(content, start + size / 2, end);
                end = space > start ? space : end;
                if (Character.isHighSurrogate(content.charAt(end - 1))) {
                    end--;
                }
            }
            String chunk = content.substring(start, end).strip();
            if (!chunk.isEmpty()) {
                chunks.add(chunk);
            }
            if (end >= content.length()) {
                break;
            }
            int next = Math.max(end - overlap, start + 1);
            // start the overlap on a word: after the first whitespace in it, when there is one
            for (int i = next; i < end && next > start + 1; i++) {
                if (Character.isWhitespace(content.charAt(i))) {
                    next = i + 1;
                    break;
                }
            }
            while (next < end && Character.isLowSurrogate(content.charAt(next))) {
                next++;
            }
            start = next;
        }
        return chunks;
    }

    /** The index of the last whitespace in [from, to), or -1. */
    private static int lastWhitespace(String text, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
