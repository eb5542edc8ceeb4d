package dev.athanor.llm.http;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JsonTest {

    @Test
    void an_object_leaves_out_null_values_and_keeps_key_order() throws Exception {
        String json = ObjectMapper.getDefault().writeValueAsString(Json.object(
                "model", "m", "temperature", null, "messages", List.of(Map.of("role", "user")),
                "stop", Arrays.asList("a", null), "n", 2, "p", 0.5, "stream", true, "empty", ""));

        assertEquals("{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}],\"stop\":[\"a\",null],\"n\":2,\"p\":0.5,"
                + "\"stream\":true,\"empty\":\"\"}", json);
    }

    @Test
    void reading_a_missing_path_gives_null_or_zero_instead_of_failing() throws Exception {
        var node = ObjectMapper.getDefault().readValue("{\"a\":{\"b\":null,\"n\":3}}", io.micronaut.json.tree.JsonNode.class);

        assertEquals(3, Json.integer(node, "a", "n"));
        assertEquals(0, Json.integer(node, "a", "missing", "deeper"));
        assertEquals(null, Json.text(node, "a", "b"));
        assertEquals(List.of(), Json.array(node, "a", "n"));
    }
}
