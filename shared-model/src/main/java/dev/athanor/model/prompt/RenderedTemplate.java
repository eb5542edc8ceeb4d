package dev.athanor.model.prompt;

import java.util.List;

/**
 * A template with its variables filled in.
 *
 * @param missing the variables the template names but the values lack, each once, in order of first appearance
 */
public record RenderedTemplate(String text, List<String> missing) {

    public RenderedTemplate {
        missing = List.copyOf(missing);
    }

    public boolean complete() {
        return missing.isEmpty();
    }
}
