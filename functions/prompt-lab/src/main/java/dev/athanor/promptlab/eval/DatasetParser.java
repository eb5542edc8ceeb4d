package dev.athanor.promptlab.eval;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.promptlab.EvalSample;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads evaluation datasets. JSONL: one object per line, either {@code {"variables": {...}, "expected": "..."}} or
 * a flat object whose fields are the variables. CSV: a header row naming the variables, one sample per record
 * (RFC 4180 quoting). In both, a field named {@code expected}, {@code reference} or {@code answer} is the reference
 * answer, not a variable. Blank lines are skipped; a bad line is refused with its number.
 */
@Singleton
public class DatasetParser {

    private static final Set<String> EXPECTED = Set.of("expected", "reference", "answer");

    private final JsonMapper json;

    public DatasetParser(JsonMapper json) {
        this.json = json;
    }

    /** Parses {@code text} as {@code format} ({@code jsonl} or {@code csv}). */
    public List<EvalSample> parse(String text, String format) {
        List<EvalSample> samples = switch (format.toLowerCase(Locale.ROOT)) {
            case "jsonl" -> jsonl(text);
            case "csv" -> csv(text);
            default -> throw new InvalidInputException("Unknown dataset format '" + format + "': use jsonl or csv");
        };
        if (samples.isEmpty()) {
            throw new InvalidInputException("The dataset has no samples");
        }
        return samples;
    }

    /** The format of a body: {@code csv} when the content type says so, else {@code jsonl}. */
    public static String formatOf(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("csv") ? "csv" : "jsonl";
    }

    private List<EvalSample> jsonl(String text) {
        List<EvalSample> samples = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readValue(line, JsonNode.class);
            } catch (IOException | RuntimeException e) {
                throw bad(i + 1, "not valid JSON");
            }
            if (node == null || !node.isObject()) {
                throw bad(i + 1, "expected a JSON object");
            }
            samples.add(sample(i + 1, node));
        }
        return samples;
    }

    private EvalSample sample(int line, JsonNode node) {
        Map<String, String> variables = new LinkedHashMap<>();
        String expected = null;
        JsonNode nested = node.get("variables");
        if (nested != null) {
            if (!nested.isObject()) {
                throw bad(line, "\"variables\" must be an object");
            }
            for (Map.Entry<String, JsonNode> e : nested.entries()) {
                variables.put(e.getKey(), text(line, e.getKey(), e.getValue()));
            }
        }
        for (Map.Entry<String, JsonNode> e : node.entries()) {
            String name = e.getKey();
            if (EXPECTED.contains(name.toLowerCase(Locale.ROOT))) {
                expected = e.getValue().isNull() ? null : text(line, name, e.getValue());
            } else if (!"variables".equals(name) && nested == null) {
                variables.put(name, text(line, name, e.getValue()));
            }
        }
        if (variables.isEmpty()) {
            throw bad(line, "a sample needs at least one variable");
        }
        return new EvalSample(variables, expected);
    }

    private String text(int line, String name, JsonNode value) {
        if (value.isString()) {
            return value.getStringValue();
        }
        if (value.isNumber() || value.isBoolean()) {
            return value.coerceStringValue();
        }
        if (value.isNull()) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw bad(line, "field '" + name + "' is not readable");
        }
    }

    private static List<EvalSample> csv(String text) {
        List<Record> records = records(text);
        if (records.isEmpty()) {
            return List.of();
        }
        List<String> header = records.get(0).fields().stream().map(String::strip).toList();
        for (String name : header) {
            if (name.isEmpty()) {
                throw bad(records.get(0).line(), "the header has an empty column name");
            }
        }
        if (Set.copyOf(header).size() != header.size()) {
            throw bad(records.get(0).line(), "the header names a column twice");
        }
        List<EvalSample> samples = new ArrayList<>();
        for (Record record : records.subList(1, records.size())) {
            if (record.fields().size() == 1 && record.fields().get(0).isBlank()) {
                continue;
            }
            if (record.fields().size() != header.size()) {
                throw bad(record.line(), "expected " + header.size() + " fields, found " + record.fields().size());
            }
            Map<String, String> variables = new LinkedHashMap<>();
            String expected = null;
            for (int c = 0; c < header.size(); c++) {
                if (EXPECTED.contains(header.get(c).toLowerCase(Locale.ROOT))) {
                    expected = record.fields().get(c);
                } else {
                    variables.put(header.get(c), record.fields().get(c));
                }
            }
            if (variables.isEmpty()) {
                throw bad(record.line(), "a sample needs at least one variable");
            }
            samples.add(new EvalSample(variables, expected));
        }
        return samples;
    }

    private record Record(int line, List<String> fields) {
    }

    /** RFC 4180 records; a quoted field may hold commas, doubled quotes and line breaks. */
    private static List<Record> records(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
            } else if (c == '"') {
                if (field.length() > 0 || wasQuoted) {
                    throw bad(line, "a quote inside an unquoted field");
                }
                quoted = true;
                wasQuoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                records.add(new Record(recordLine, List.copyOf(fields)));
                fields.clear();
                field.setLength(0);
                wasQuoted = false;
                line++;
                recordLine = line;
            } else {
                if (wasQuoted) {
                    throw bad(line, "text after a closing quote");
                }
                field.append(c);
            }
        }
        if (quoted) {
            throw bad(recordLine, "a quoted field is not closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || wasQuoted) {
            fields.add(field.toString());
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    private static InvalidInputException bad(int line, String problem) {
        return new InvalidInputException("Line " + line + ": " + problem);
    }
}
