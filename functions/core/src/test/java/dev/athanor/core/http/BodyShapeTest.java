package dev.athanor.core.http;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BodyShapeTest {

    private static final JsonMapper JSON = JsonMapper.createDefault();

    @Serdeable
    record Item(@Nullable String role, @Nullable Integer weight) {
    }

    @Serdeable
    record Request(@Nullable String name,
                   @Nullable @JsonProperty("max_tokens") @JsonAlias("maxTokens") Integer maxTokens,
                   @Nullable Double temperature,
                   @Nullable Boolean stream,
                   @Nullable List<String> tags,
                   @Nullable List<Item> items,
                   @Nullable Map<String, Object> metadata,
                   @Nullable Object anything) {
    }

    private static Map<String, List<String>> problems(String body) throws IOException {
        return BodyShape.problems(Argument.of(Request.class), JSON.readValue(body, JsonNode.class));
    }

    @Test
    void a_body_with_the_declared_types_nulls_and_unknown_fields_fits() throws IOException {
        assertEquals(Map.of(), problems("""
                {"name": "n", "max_tokens": 5, "temperature": 0.5, "stream": true, "tags": ["a"],
                 "items": [{"role": "user", "weight": 2.0}], "metadata": {"k": [1]}, "anything": [1, {"a": 2}],
                 "unknown": {"x": 1}}"""));
        assertEquals(Map.of(), problems("{\"name\": null, \"maxTokens\": null, \"items\": [null]}"));
    }

    @Test
    void each_wrong_type_is_named_by_the_field_the_client_sent() throws IOException {
        assertEquals(Map.of(
                        "name", List.of("must be a string"),
                        "maxTokens", List.of("must be an integer"),
                        "temperature", List.of("must be a number"),
                        "stream", List.of("must be true or false"),
                        "tags[1]", List.of("must be a string"),
                        "items[0].weight", List.of("must be an integer"),
                        "metadata", List.of("must be an object")),
                problems("""
                        {"name": 5, "maxTokens": 1.5, "temperature": "hot", "stream": "yes", "tags": ["a", 2],
                         "items": [{"weight": "heavy"}], "metadata": [1]}"""));
        assertEquals(Map.of("items", List.of("must be an array")), problems("{\"items\": {\"role\": \"user\"}}"));
        assertEquals(Map.of("name", List.of("must be a string")), problems("{\"name\": [\"x\"]}"));
    }

    @Test
    void a_body_that_is_not_an_object_is_named_as_the_body() throws IOException {
        assertEquals(Map.of("body", List.of("must be an object")), problems("[1, 2]"));
        assertEquals(Map.of("body", List.of("must be an object")),
                BodyShape.problems(Argument.mapOf(String.class, Object.class), JSON.readValue("42", JsonNode.class)));
    }
}
