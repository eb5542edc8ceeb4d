package dev.athanor.actions.calls;

import dev.athanor.core.http.RequestFields;
import dev.athanor.model.prompt.RenderedTemplate;
import dev.athanor.model.prompt.TemplateRenderer;
import io.micronaut.core.annotation.Nullable;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the inputs of a model call and filling a template with them, with every problem named by field. */
public final class PromptText {

    /** Input and prompt texts are at most this long. */
    public static final int MAX_TEXT = ModelCalls.MAX_TEXT;

    private PromptText() {
    }

    /** An optional text field of at most {@value #MAX_TEXT} characters. */
    @Nullable
    public static String text(RequestFields fields, String field) {
        String value = fields.string(field);
        if (value != null && value.length() > MAX_TEXT) {
            fields.error(field, "must be at most " + MAX_TEXT + " characters");
        }
        return value;
    }

    /** The {@code variables} object: names to strings, numbers or booleans (nested objects for dotted names). */
    public static Map<String, Object> variables(RequestFields fields) {
        Map<String, Object> variables = fields.object("variables");
        if (variables == null) {
            return Map.of();
        }
        if (variables.size() > 100) {
            fields.error("variables", "must have at most 100 entries");
        }
        return variables;
    }

    /**
     * The template filled with {@code values}; records a problem under {@code field} when a placeholder has no value
     * or the result is blank.
     */
    public static String render(String template, Map<String, ?> values, String field, RequestFields fields) {
        RenderedTemplate rendered = TemplateRenderer.render(template, new LinkedHashMap<>(values));
        if (!rendered.complete()) {
            fields.error(field, "has placeholders without a value: " + String.join(", ", rendered.missing())
                    + " (give them in variables)");
        } else if (rendered.text().isBlank()) {
            fields.error(field, "renders to an empty prompt");
        } else if (rendered.text().length() > MAX_TEXT) {
            fields.error(field, "renders to more than " + MAX_TEXT + " characters");
        }
        return rendered.text();
    }
}
