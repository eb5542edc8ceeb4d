package dev.athanor.promptlab.eval;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.promptlab.EvalSample;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatasetParserTest {

    private final DatasetParser parser = new DatasetParser(JsonMapper.createDefault());

    @Test
    void jsonl_takes_nested_variables_or_flat_fields_and_the_expected_answer() {
        List<EvalSample> samples = parser.parse("""
                {"variables": {"text": "a long story"}, "expected": "a story"}

                {"question": "2+2?", "n": 4, "reference": "4"}
                {"text": "no reference"}
                """, "jsonl");
        assertEquals(3, samples.size());
        assertEquals(new EvalSample(Map.of("text", "a long story"), "a story"), samples.get(0));
        assertEquals(new EvalSample(Map.of("question", "2+2?", "n", "4"), "4"), samples.get(1));
        assertNull(samples.get(2).expected());
    }

    @Test
    void a_bad_jsonl_line_is_named() {
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> parser.parse("""
                {"text": "ok"}
                {"text": "broken"
                """, "jsonl"));
        assertEquals("Line 2: not valid JSON", bad.getMessage());
        assertEquals("Line 1: expected a JSON object",
                assertThrows(InvalidInputException.class, () -> parser.parse("[1, 2]", "jsonl")).getMessage());
        assertEquals("Line 1: a sample needs at least one variable",
                assertThrows(InvalidInputException.class, () -> parser.parse("{\"expected\": \"x\"}", "jsonl"))
                        .getMessage());
    }

    @Test
    void csv_reads_quoted_commas_quotes_and_line_breaks() {
        List<EvalSample> samples = parser.parse("text,expected\r\n"
                + "\"Hello, world\",\"He said \"\"hi\"\"\"\r\n"
                + "\"two\nlines\",short\n", "csv");
        assertEquals(2, samples.size());
        assertEquals(new EvalSample(Map.of("text", "Hello, world"), "He said \"hi\""), samples.get(0));
        assertEquals(new EvalSample(Map.of("text", "two\nlines"), "short"), samples.get(1));
    }

    @Test
    void a_csv_record_with_the_wrong_number_of_fields_is_named_by_its_line() {
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> parser.parse("""
                question,answer
                "a
                b",c
                only-one
                """, "csv"));
        assertEquals("Line 4: expected 2 fields, found 1", bad.getMessage());
    }

    @Test
    void an_unclosed_quote_and_an_empty_dataset_are_refused() {
        assertEquals("Line 2: a quoted field is not closed", assertThrows(InvalidInputException.class,
                () -> parser.parse("text\n\"open\n", "csv")).getMessage());
        assertEquals("The dataset has no samples", assertThrows(InvalidInputException.class,
                () -> parser.parse("\n\n", "jsonl")).getMessage());
        assertEquals("The dataset has no samples", assertThrows(InvalidInputException.class,
                () -> parser.parse("text\n", "csv")).getMessage());
    }

    @Test
    void the_format_follows_the_content_type() {
        assertEquals("csv", DatasetParser.formatOf("text/csv; charset=utf-8"));
        assertEquals("jsonl", DatasetParser.formatOf("application/x-ndjson"));
        assertEquals("jsonl", DatasetParser.formatOf(null));
    }
}
