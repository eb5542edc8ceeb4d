package dev.athanor.llm.http;

import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Serdeable
    record Unset(String value, List<String> items) {
    }

    @Test
    void the_tests_write_json_as_the_functions_do_with_every_field_however_empty() throws Exception {
        assertEquals("{\"value\":null,\"items\":[]}", TestJson.MAPPER.writeValueAsString(new Unset(null, List.of())));
    }

    @Test
    void an_object_leaves_out_null_values_and_keeps_key_order() throws Exception {
        String json = TestJson.MAPPER.writeValueAsString(Json.object(
                "model", "m", "temperature", null, "messages", List.of(Map.of("role", "user")),
                "stop", Arrays.asList("a", null), "n", 2, "p", 0.5, "stream", true, "empty", ""));

        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stop\":[\"a\",null],\"n\":2,\"p\":0.5,"
                + "\"stream\":true,\"empty\":\"\"}", json);
    }

    @Test
    void reading_a_missing_path_gives_null_or_zero_instead_of_failing() throws Exception {
        var node = TestJson.MAPPER.readValue("{\"a\":{\"b\":null,\"n\":3}}", io.micronaut.json.tree.JsonNode.class);

        assertEquals(3, Json.integer(node, "a", "n"));
        assertEquals(0, Json.integer(node, "a", "missing", "deeper"));
        assertEquals(null, Json.text(node, "a", "b"));
        assertEquals(List.of(), Json.array(node, "a", "n"));
    }
}
