package dev.athanor.promptlab.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits streamed text into answer and reasoning as it arrives: text inside {@code <think>...</think>} is reasoning,
 * the rest answer, also when a tag is cut across pieces (the end of a piece that could begin a tag is held back until
 * the next piece decides). Tags match without regard to case, as in
 * {@link dev.athanor.model.prompt.ReasoningExtractor}, which gives the stored answer and thought of the whole text.
 * A closing tag without an opening one is dropped here: that rule needs the whole text.
 */
final class ThinkSplitter {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    /** A run of text and whether it is reasoning. */
    record Part(String text, boolean thought) {
    }

    private final StringBuilder held = new StringBuilder();
    private boolean inside;

    /** The parts this piece completes, in order; empty parts are left out. */
    List<Part> accept(String piece) {
        held.append(piece);
        List<Part> parts = new ArrayList<>();
        while (true) {
            String lower = held.toString().toLowerCase(Locale.ROOT);
            String tag = inside ? CLOSE : OPEN;
            int at = lower.indexOf(tag);
            int strayClose = inside ? -1 : lower.indexOf(CLOSE);
            if (strayClose >= 0 && (at < 0 || strayClose < at)) {
                add(parts, held.substring(0, strayClose), false);
                held.delete(0, strayClose + CLOSE.length());
                continue;
            }
            if (at >= 0) {
                add(parts, held.substring(0, at), inside);
                held.delete(0, at + tag.length());
                inside = !inside;
                continue;
            }
            int keep = partialTagAtEnd(lower);
            add(parts, held.substring(0, held.length() - keep), inside);
            held.delete(0, held.length() - keep);
            return parts;
        }
    }

    /** What is still held back, once the stream has ended. */
    List<Part> finish() {
        List<Part> parts = new ArrayList<>();
        add(parts, held.toString(), inside);
        held.setLength(0);
        return parts;
    }

    private static int partialTagAtEnd(String lower) {
        for (int length = Math.min(CLOSE.length() - 1, lower.length()); length > 0; length--) {
            String end = lower.substring(lower.length() - length);
            if (OPEN.startsWith(end) || CLOSE.startsWith(end)) {
                return length;
            }
        }
        return 0;
    }

    private static void add(List<Part> parts, String text, boolean thought) {
        if (!text.isEmpty()) {
            parts.add(new Part(text, thought));
        }
    }
}
