package dev.athanor.core.http;

import dev.athanor.model.error.MalformedInputException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JsonBodyRulesTest {

    private final JsonBodyRules rules = new JsonBodyRules(1_048_576);

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private String refusal(byte[] body) {
        return assertThrows(MalformedInputException.class, () -> rules.check(body)).getMessage();
    }

    @Test
    void a_json_document_within_the_limits_passes_as_its_text() {
        String body = "{\"name\": \"caf\u00e9 \u2603\", \"n\": " + "9".repeat(100) + ", \"a\": [[[1.5e3]]], \""
                + "k".repeat(1_000) + "\": null}";
        assertEquals(body, rules.check(utf8(body)));
        assertEquals("  ", rules.check(utf8("  ")), "a blank body is left to the route");
        assertEquals("[1, 2]", rules.check(utf8("[1, 2]")), "a document that is not an object is the route's to judge");
    }

    @Test
    void each_kind_of_unreadable_body_is_refused_in_plain_words() {
        Map<String, String> refused = Map.of(
                "{\"name\": ", "The body is not valid JSON",
                "not json", "The body is not valid JSON",
                "{\"a\": 1,}", "The body is not valid JSON",
                "{\"a\":1}}", "The body has content after its JSON document",
                "{\"a\":1} {\"b\":2}", "The body has content after its JSON document",
                "{\"n\": " + "1".repeat(101) + "}", "The body has a number longer than 100 digits",
                "{\"n\": 0." + "1".repeat(100_000) + "}", "The body has a number longer than 100 digits",
                "{\"" + "k".repeat(1_001) + "\": 1}", "The body has a key longer than 1000 characters",
                "[".repeat(65) + "]".repeat(65), "The body nests arrays and objects more than 64 levels deep",
                "{\"a\":".repeat(100) + "1" + "}".repeat(100), "The body nests arrays and objects more than 64 levels deep");
        refused.forEach((body, message) -> assertEquals(message, refusal(utf8(body)), body.length() > 80 ? body.substring(0, 80) : body));
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_rather_than_replaced() {
        byte[] latin1 = "{\"name\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("The body is not valid UTF-8 text", refusal(latin1));
        byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertEquals("The body is not valid UTF-8 text", refusal(overlong));
        byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        assertEquals("The body is not valid UTF-8 text", refusal(surrogate));
    }

    @Test
    void a_string_longer_than_the_limit_is_refused() {
        JsonBodyRules small = new JsonBodyRules(10);
        assertEquals("{\"a\": \"0123456789\"}", small.check(utf8("{\"a\": \"0123456789\"}")));
        MalformedInputException refused = assertThrows(MalformedInputException.class,
                () -> small.check(utf8("{\"a\": \"01234567890\"}")));
        assertEquals("The body has a string longer than 10 characters", refused.getMessage());
    }
}
