package dev.athanor.llm.http;

import dev.athanor.model.error.InvalidInputException;
import dev.athanor.model.llm.LlmTimeouts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VendorHttpTest {

    @ParameterizedTest
    @ValueSource(strings = {"localhost:11434", "ftp://example.com", "not a url", "", "/v1"})
    void a_base_url_that_is_not_absolute_http_is_bad_input(String baseUrl) {
        assertThrows(InvalidInputException.class, () -> http(baseUrl));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.openai.com/v1/", "https://api.openai.com/v1//", " https://api.openai.com/v1 "})
    void trailing_slashes_are_dropped_so_paths_join_cleanly(String baseUrl) {
        assertEquals("https://api.openai.com/v1", http(baseUrl).baseUrl());
    }

    private static VendorHttp http(String baseUrl) {
        return new VendorHttp("p", baseUrl, LlmTimeouts.DEFAULT, Map.of(), null, body -> null, TestJson.MAPPER, TestTransport.CLIENT);
    }
}
