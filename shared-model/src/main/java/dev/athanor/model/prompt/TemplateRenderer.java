package dev.athanor.model.prompt;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills {@code {{name}}} and {@code {{a.b}}} placeholders (spaces inside the braces are allowed). A dotted name is
 * first looked up as a key of its own, then as a path into nested maps. Strings, numbers and booleans render as
 * text; lists and maps as JSON.
 *
 * <p>A placeholder without a value (absent or null) is left exactly as written and reported in
 * {@link RenderedTemplate#missing()}: the caller decides whether that is an error, and a reader of the output can
 * see what was not filled, which an empty string would hide. Substitution is a single pass: a value containing
 * {@code {{x}}} is inserted literally, never rendered again.
 */
public final class TemplateRenderer {

    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z0-9_-]+)*)\\s*}}");

    private TemplateRenderer() {
    }

    public static RenderedTemplate render(String template, Map<String, ?> values) {
        if (template == null) {
            return new RenderedTemplate("", List.of());
        }
        Map<String, ?> source = values == null ? Map.of() : values;
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length());
        while (matcher.find()) {
            String name = matcher.group(1);
            Object value = lookup(source, name);
            String replacement;
            if (value == null) {
                missing.add(name);
                replacement = matcher.group();
            } else {
                replacement = text(value);
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return new RenderedTemplate(out.toString(), new ArrayList<>(missing));
    }

    /** The variable names a template uses, each once, in order of first appearance. */
    public static List<String> variables(String template) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (template != null) {
            Matcher matcher = PLACEHOLDER.matcher(template);
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return new ArrayList<>(names);
    }

    private static Object lookup(Map<String, ?> values, String name) {
        if (values.containsKey(name)) {
            return values.get(name);
        }
        Object current = values;
        for (String part : name.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(part);
        }
        return current;
    }

    private static String text(Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Character) {
            return value.toString();
        }
        StringBuilder json = new StringBuilder();
        writeJson(json, value);
        return json.toString();
    }

    private static void writeJson(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                writeString(out, String.valueOf(entry.getKey()));
                out.append(':');
                writeJson(out, entry.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                out.append(first ? "" : ",");
                first = false;
                writeJson(out, item);
            }
            out.append(']');
        } else {
            writeString(out, value.toString());
        }
    }

    private static void writeString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
