package dev.athanor.core.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.error.MalformedInputException;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestFieldsTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    private static RequestFields parse(String body) {
        return RequestFields.parse(JSON, body);
    }

    @Test
    void each_type_is_read_when_the_field_has_it() {
        RequestFields fields = parse("""
                {"name": "summarizer", "temperature": 0.5, "count": 3, "whole": 4.0, "on": true,
                 "variables": {"a": "x", "n": [1, null, {"b": false}]}}""");

        assertEquals("summarizer", fields.string("name"));
        assertEquals(0.5, fields.number("temperature"));
        assertEquals(3.0, fields.number("count"), "an integer is a number too");
        assertEquals(3, fields.integer("count"));
        assertEquals(4, fields.integer("whole"), "4.0 is a whole number");
        assertEquals(Boolean.TRUE, fields.bool("on"));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", false);
        assertEquals(Map.of("a", "x", "n", Arrays.asList(1, null, nested)), fields.object("variables"));
        assertTrue(fields.valid());
        fields.check("thing");
    }

    @Test
    void a_wrong_type_is_recorded_under_the_name_asked_for_and_reads_as_absent() {
        RequestFields fields = parse("""
                {"name": 7, "temperature": "hot", "count": 1.5, "big": 3000000000, "on": "yes",
                 "variables": [1], "label": {"x": 1}}""");

        assertNull(fields.string("name"));
        assertNull(fields.number("temperature"));
        assertNull(fields.integer("count"));
        assertNull(fields.integer("big"));
        assertNull(fields.bool("on"));
        assertNull(fields.object("variables"));
        assertNull(fields.string("label"));
        assertFalse(fields.valid());

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> fields.check("thing"));
        assertEquals("Invalid thing: name must be a string; temperature must be a number; count must be an integer; "
                + "big must be an integer; on must be a boolean; variables must be an object; label must be a string",
                refused.getMessage());
        assertEquals(List.of("must be an integer"), refused.fieldErrors().get("count"));
        assertEquals(7, refused.fieldErrors().size());
    }

    @Test
    void check_without_a_subject_lists_only_the_problems_including_those_recorded_by_the_caller() {
        RequestFields fields = parse("{\"prompt\": 42}");
        fields.string("prompt");
        fields.error("prompt", "must be short");
        fields.error("rating", "must be between 1 and 5");

        InvalidInputException refused = assertThrows(InvalidInputException.class, fields::check);

        assertEquals("prompt must be a string; prompt must be short; rating must be between 1 and 5",
                refused.getMessage());
        assertEquals(Map.of("prompt", List.of("must be a string", "must be short"),
                "rating", List.of("must be between 1 and 5")), refused.fieldErrors());
    }

    @Test
    void a_field_is_found_under_its_snake_case_or_camel_case_spelling() {
        RequestFields camel = parse("{\"userPrompt\": \"hi\", \"maxLen\": 5, \"isProd\": true, \"topP\": 0.9}");
        RequestFields snake = parse("{\"user_prompt\": \"hi\", \"max_len\": 5, \"is_prod\": true, \"top_p\": 0.9}");

        for (RequestFields fields : List.of(camel, snake)) {
            assertEquals("hi", fields.string("userPrompt"));
            assertEquals("hi", fields.string("user_prompt"));
            assertEquals(5, fields.integer("maxLen"));
            assertEquals(Boolean.TRUE, fields.bool("is_prod"));
            assertEquals(0.9, fields.number("topP"));
            assertTrue(fields.has("max_len"));
        }
    }

    @Test
    void the_spelling_asked_for_wins_when_a_body_has_both_and_errors_use_it() {
        RequestFields both = parse("{\"user_prompt\": \"snake\", \"userPrompt\": \"camel\"}");
        assertEquals("camel", both.string("userPrompt"));
        assertEquals("snake", both.string("user_prompt"));

        RequestFields wrong = parse("{\"max_len\": \"long\"}");
        assertNull(wrong.integer("maxLen"));
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> wrong.check("prompt"));
        assertEquals("Invalid prompt: maxLen must be an integer", refused.getMessage());
    }

    @Test
    void other_spellings_convert_each_word() {
        assertEquals("testBackendUrl", RequestFields.otherSpelling("test_backend_url"));
        assertEquals("test_backend_url", RequestFields.otherSpelling("testBackendUrl"));
        assertEquals("top_p", RequestFields.otherSpelling("topP"));
        assertEquals("notes", RequestFields.otherSpelling("notes"));
    }

    @Test
    void null_is_present_but_has_no_value_while_an_absent_field_is_not_present() {
        RequestFields fields = parse("{\"notes\": null}");

        assertTrue(fields.has("notes"));
        assertNull(fields.string("notes"));
        assertNull(fields.node("notes"));
        assertFalse(fields.has("rating"));
        assertNull(fields.integer("rating"));
        assertTrue(fields.valid());
    }

    @Test
    void values_keep_every_field_as_sent_with_nulls_apart_from_absent_fields() {
        Map<String, Object> values = parse("""
                {"model": "gpt-4o", "system_prompt": null, "status": 3, "tags": ["a"]}""").values();

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("model", "gpt-4o");
        expected.put("system_prompt", null);
        expected.put("status", 3);
        expected.put("tags", List.of("a"));
        assertEquals(expected, values);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(values.keySet()), "in the order sent");
        assertThrows(UnsupportedOperationException.class, () -> values.put("name", "x"));
    }

    @Test
    void an_empty_or_blank_body_is_an_object_without_fields() {
        for (String body : Arrays.asList(null, "", "  \n")) {
            RequestFields fields = parse(body);
            assertEquals(Map.of(), fields.values());
            assertNull(fields.string("name"));
            assertTrue(fields.valid());
        }
    }

    @Test
    void a_body_that_is_not_json_is_refused() {
        for (String body : List.of("{\"name\": ", "not json", "{\"a\": 1,}")) {
            MalformedInputException refused = assertThrows(MalformedInputException.class, () -> parse(body), body);
            assertEquals("The body is not valid JSON", refused.getMessage(), body);
        }
    }

    @Test
    void json_that_is_not_an_object_is_refused() {
        for (String body : List.of("[1, 2]", "\"text\"", "42", "null", "true")) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> parse(body), body);
            assertEquals("The body must be a JSON object", refused.getMessage(), body);
        }
    }
}
