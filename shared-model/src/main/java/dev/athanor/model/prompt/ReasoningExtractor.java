package dev.athanor.model.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Separates {@code <think>...</think>} reasoning (DeepSeek-R1, Qwen and other reasoning models) from the answer.
 * <ul>
 *   <li>Several blocks: their texts are joined, in order, into one reasoning field.</li>
 *   <li>An unterminated block (output cut off while thinking): everything after {@code <think>} is reasoning.</li>
 *   <li>A closing tag with no opening one before it: the text before it is reasoning, because some chat templates
 *       put the opening tag into the prompt and the model's output starts inside the block.</li>
 * </ul>
 * Tags are matched without regard to case.
 */
public final class ReasoningExtractor {

    private static final String OPEN = "<think>";
    private static final String CLOSE = "</think>";

    private ReasoningExtractor() {
    }

    public static ReasonedText extract(String text) {
        if (text == null) {
            return new ReasonedText(null, "");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> reasoning = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        int position = 0;
        int firstOpen = lower.indexOf(OPEN);
        int firstClose = lower.indexOf(CLOSE);
        if (firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen)) {
            reasoning.add(text.substring(0, firstClose));
            position = firstClose + CLOSE.length();
        }
        while (position < text.length()) {
            int open = lower.indexOf(OPEN, position);
            if (open < 0) {
                answer.append(text, position, text.length());
                break;
            }
            answer.append(text, position, open);
            int close = lower.indexOf(CLOSE, open + OPEN.length());
            if (close < 0) {
                reasoning.add(text.substring(open + OPEN.length()));
                break;
            }
            reasoning.add(text.substring(open + OPEN.length(), close));
            position = close + CLOSE.length();
        }
        List<String> parts = reasoning.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new ReasonedText(parts.isEmpty() ? null : String.join("\n\n", parts), answer.toString().strip());
    }
}
