package dev.athanor.llm.sandbox;

import dev.athanor.llm.ProviderClients;
import dev.athanor.llm.http.TestJson;
import dev.athanor.model.llm.ChatMessage;
import dev.athanor.model.llm.ChatRequest;
import dev.athanor.model.llm.ChatResponse;
import dev.athanor.model.llm.EmbeddingRequest;
import dev.athanor.model.llm.EmbeddingResponse;
import dev.athanor.model.llm.LlmErrorKind;
import dev.athanor.model.llm.LlmException;
import dev.athanor.model.llm.LlmProvider;
import dev.athanor.model.llm.ModelInfo;
import dev.athanor.model.llm.ProviderConfig;
import dev.athanor.model.llm.ProviderKind;
import dev.athanor.model.llm.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxProviderTest {

    private final LlmProvider sandbox = new ProviderClients(List.of(new SandboxProviderFactory(TestJson.MAPPER))).create(
            new ProviderConfig("sandbox", ProviderKind.SANDBOX, null, null, null, null, null));

    private static ChatRequest ask(String text) {
        return ChatRequest.of("sandbox", List.of(ChatMessage.system("Be brief."), ChatMessage.user(text)));
    }

    @Test
    void the_reply_is_labelled_and_predictable_from_the_request() {
        ChatResponse response = sandbox.chat(ask("Say hello"));

        assertTrue(response.content().startsWith("[sandbox] 2 words, fnv "), response.content());
        assertTrue(response.content().endsWith(": Say hello"), response.content());
        assertEquals(response.content(), sandbox.chat(ask("Say hello")).content());
        assertNotEquals(response.content(), sandbox.chat(ask("Say goodbye")).content());
        assertEquals("stop", response.finishReason());
        assertEquals("sandbox", response.model());
    }

    @Test
    void the_hash_covers_the_whole_conversation_not_only_the_last_message() {
        ChatRequest other = ChatRequest.of("sandbox",
                List.of(ChatMessage.system("Be verbose."), ChatMessage.user("Say hello")));

        assertNotEquals(sandbox.chat(ask("Say hello")).content(), sandbox.chat(other).content());
    }

    @Test
    void usage_is_a_quarter_of_the_characters_rounded_up() {
        ChatResponse response = sandbox.chat(ask("Say hello"));

        // "system: Be brief.\nuser: Say hello\n" is 34 characters
        assertEquals(new Usage(9, (response.content().length() + 3) / 4), response.usage());
    }

    @Test
    void stream_delivers_word_pieces_that_join_to_the_chat_reply() {
        List<String> pieces = new ArrayList<>();

        ChatResponse summary = sandbox.stream(ask("one two three four"), pieces::add);

        assertTrue(pieces.size() > 3, pieces.toString());
        assertEquals(summary.content(), String.join("", pieces));
        assertEquals(sandbox.chat(ask("one two three four")), summary);
    }

    @Test
    void max_tokens_cuts_the_reply_to_that_many_pieces_and_says_length() {
        ChatRequest request = new ChatRequest("sandbox", List.of(ChatMessage.user("a b c d e f")), null, null, 2, null);
        List<String> pieces = new ArrayList<>();

        ChatResponse response = sandbox.stream(request, pieces::add);

        assertEquals(2, pieces.size());
        assertEquals("[sandbox] 6 ", response.content());
        assertEquals("length", response.finishReason());
    }

    @Test
    void asked_for_a_score_line_it_answers_as_a_judge_with_a_score_from_one_to_ten_set_by_the_hash() {
        java.util.Set<Integer> seen = new java.util.TreeSet<>();
        for (int i = 0; i < 60; i++) {
            ChatRequest judge = ChatRequest.of("sandbox", List.of(
                    ChatMessage.system("Reply in two lines:\nScore: <integer from 1 to 10>\nReason: <one sentence>"),
                    ChatMessage.user("Answer to score: number " + i)));
            String reply = sandbox.chat(judge).content();
            String plain = reply.substring(reply.indexOf("\nReason: ") + 9);
            String hash = plain.substring(plain.indexOf("fnv ") + 4, plain.indexOf("fnv ") + 12);

            int score = Integer.parseInt(reply.substring("Score: ".length(), reply.indexOf('\n')));
            assertEquals(1 + Integer.remainderUnsigned(Integer.parseUnsignedInt(hash, 16), 10), score, reply);
            assertTrue(plain.startsWith("[sandbox] 5 words, fnv "), reply);
            seen.add(score);
        }
        assertEquals(10, seen.size(), "60 different answers get every score from 1 to 10: " + seen);
        assertTrue(sandbox.chat(ask("Score: 7")).content().startsWith("[sandbox] "),
                "a score asked for by the user, not the system message, is just echoed");
    }

    private static final String TRIP = "Plan a three day trip to Lisbon in spring on a small budget";
    private static final String TRIP_SCHEMA = """
            {"type": "object",
             "properties": {
               "title": {"type": "string"},
               "tags": {"type": "array", "items": {"type": "string"}},
               "days": {"type": "array", "minItems": 2, "items": {"type": "object", "properties": {
                 "day": {"type": "integer", "minimum": 2},
                 "city": {"type": "string", "maxLength": 12}}}},
               "budget": {"type": "object", "properties": {
                 "currency": {"type": "string", "enum": ["EUR", "USD"]},
                 "amount": {"type": "number"},
                 "nights": {"type": "integer"}}},
               "confirmed": {"type": "boolean"},
               "summary": {"type": ["string", "null"], "minLength": 80}
             },
             "required": ["title"],
             "additionalProperties": false}
            """;

    private static ChatRequest askForJson(String schema, String text) {
        return ChatRequest.of("sandbox", List.of(ChatMessage.system(jsonInstructions(schema)), ChatMessage.user(text)));
    }

    private static String jsonInstructions(String schema) {
        return "Answer only with JSON that conforms to this json schema:\n```json\n" + schema + "```\nNo prose.";
    }

    /** FNV-1a 32 of the conversation as the sandbox writes it, "role: content" a line, spelled out independently. */
    private static String conversationHash(ChatRequest request) {
        int hash = 0x811c9dc5;
        for (ChatMessage message : request.messages()) {
            for (byte b : (message.role() + ": " + message.content() + "\n").getBytes(StandardCharsets.UTF_8)) {
                hash ^= b & 0xff;
                hash *= 0x01000193;
            }
        }
        return String.format("%08x", hash);
    }

    @Test
    void asked_for_json_with_a_schema_it_answers_the_predicted_instance_of_that_schema() {
        ChatRequest request = askForJson(TRIP_SCHEMA, TRIP);
        String label = " fnv " + conversationHash(request) + ": Plan a three day trip to Lisbon in";

        ChatResponse response = sandbox.chat(request);

        String expected = "{\"title\":\"[sandbox] title" + label + "\","
                + "\"tags\":[\"[sandbox] tags 1" + label + "\",\"[sandbox] tags 2" + label + "\","
                + "\"[sandbox] tags 3" + label + "\"],"
                + "\"days\":[{\"day\":2,\"city\":\"[sandbox] ci\"},{\"day\":2,\"city\":\"[sandbox] ci\"}],"
                + "\"budget\":{\"currency\":\"EUR\",\"amount\":0.5,\"nights\":1},"
                + "\"confirmed\":true,"
                + "\"summary\":\"[sandbox] summary" + label + ".".repeat(80 - ("[sandbox] summary" + label).length())
                + "\"}";
        assertEquals(expected, response.content());
        assertEquals("stop", response.finishReason());
        assertEquals(new Usage(SandboxProvider.estimateTokens("system: " + jsonInstructions(TRIP_SCHEMA)
                + "\nuser: " + TRIP + "\n"), SandboxProvider.estimateTokens(expected)), response.usage());
    }

    @Test
    void a_top_level_array_names_its_items_item_and_counts_them_up_to_max_items() {
        ChatRequest request = askForJson("""
                {"type": "array", "minItems": 0, "maxItems": 2, "items": {"type": "string", "maxLength": 40}}
                """, "Name two colours");
        String label = " fnv " + conversationHash(request) + ": Name two colours";

        String content = sandbox.chat(request).content();

        assertEquals("[\"" + ("[sandbox] item 1" + label).substring(0, 40) + "\",\""
                + ("[sandbox] item 2" + label).substring(0, 40) + "\"]", content);
    }

    @Test
    void the_json_answer_is_the_same_for_the_same_request_and_its_strings_change_with_the_user_message() {
        String first = sandbox.chat(askForJson(TRIP_SCHEMA, TRIP)).content();
        String again = sandbox.chat(askForJson(TRIP_SCHEMA, TRIP)).content();
        String other = sandbox.chat(askForJson(TRIP_SCHEMA, "Plan a weekend in Porto")).content();

        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(other.startsWith("{\"title\":\"[sandbox] title fnv "), other);
        assertTrue(other.contains(": Plan a weekend in Porto\",\"tags\":[\"[sandbox] tags 1 fnv "), other);
        assertTrue(other.contains("\"budget\":{\"currency\":\"EUR\",\"amount\":0.5,\"nights\":1}"), other);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"type\": \"object\", \"properties\": {\"title\": {\"type\": \"string\"}",
            "not json at all",
            "[{\"type\": \"string\"}]",
            "{\"type\": \"object\", \"properties\": {\"pet\": {\"allOf\": [{\"type\": \"string\"}, {\"type\": \"integer\"}]}}}",
            "{\"type\": \"object\", \"properties\": {\"pet\": {\"$ref\": \"#/$defs/pet\"}}}",
            "{\"type\": \"tuple\"}",
            "{\"type\": \"array\", \"minItems\": 100000000}"
    })
    void a_schema_it_cannot_answer_gets_the_usual_reply(String schema) {
        String content = sandbox.chat(askForJson(schema, "Describe a pet")).content();

        assertTrue(content.startsWith("[sandbox] 3 words, fnv "), content);
        assertTrue(content.endsWith(": Describe a pet"), content);
    }

    @Test
    void a_json_block_without_the_words_json_schema_in_the_system_message_gets_the_usual_reply() {
        String block = "```json\n{\"type\": \"boolean\"}\n```";
        ChatRequest noWords = ChatRequest.of("sandbox",
                List.of(ChatMessage.system("Answer like this:\n" + block), ChatMessage.user("Is it on?")));
        ChatRequest wordsAfterBlock = ChatRequest.of("sandbox",
                List.of(ChatMessage.system(block + "\nis a JSON Schema."), ChatMessage.user("Is it on?")));
        ChatRequest fromUser = ChatRequest.of("sandbox",
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Use this JSON Schema: " + block)));

        assertTrue(sandbox.chat(noWords).content().startsWith("[sandbox] 3 words"), sandbox.chat(noWords).content());
        assertTrue(sandbox.chat(wordsAfterBlock).content().startsWith("[sandbox] 3 words"),
                sandbox.chat(wordsAfterBlock).content());
        assertTrue(sandbox.chat(fromUser).content().startsWith("[sandbox] 8 words"), sandbox.chat(fromUser).content());
        assertEquals("true", sandbox.chat(ChatRequest.of("sandbox", List.of(
                ChatMessage.system("Reply per the JSON SCHEMA below.\n" + block), ChatMessage.user("Is it on?"))))
                .content());
    }

    @Test
    void asked_for_both_json_and_a_score_line_it_answers_json() {
        ChatRequest request = ChatRequest.of("sandbox", List.of(
                ChatMessage.system("Reply with Score: <1-10>.\n" + jsonInstructions("{\"type\": \"integer\", \"minimum\": 7}")),
                ChatMessage.user("Rate this")));

        assertEquals("7", sandbox.chat(request).content());
    }

    @Test
    void max_tokens_cuts_the_json_answer_into_word_pieces_as_any_other_reply() {
        String full = sandbox.chat(askForJson(TRIP_SCHEMA, TRIP)).content();
        ChatRequest request = new ChatRequest("sandbox", askForJson(TRIP_SCHEMA, TRIP).messages(), null, null, 3, null);
        List<String> pieces = new ArrayList<>();

        ChatResponse response = sandbox.stream(request, pieces::add);

        assertEquals(List.of("{\"title\":\"[sandbox] ", "title ", "fnv "), pieces);
        assertEquals(String.join("", pieces), response.content());
        assertTrue(full.startsWith(response.content()), full);
        assertEquals("length", response.finishReason());
    }

    @Test
    void it_lists_one_model_owned_by_sandbox() {
        assertEquals(List.of(new ModelInfo("sandbox", "sandbox")), sandbox.models());
        assertTrue(sandbox.health().ok());
    }

    @Test
    void any_other_model_is_not_found() {
        LlmException chat = assertThrows(LlmException.class,
                () -> sandbox.chat(ChatRequest.of("gpt-4o", List.of(ChatMessage.user("Hi")))));
        LlmException embed = assertThrows(LlmException.class,
                () -> sandbox.embed(new EmbeddingRequest("gpt-4o", List.of("Hi"))));

        assertEquals(LlmErrorKind.NOT_FOUND, chat.kind());
        assertEquals(LlmErrorKind.NOT_FOUND, embed.kind());
    }

    @Test
    void embeddings_are_deterministic_unit_vectors_that_differ_by_text() {
        EmbeddingResponse first = sandbox.embed(new EmbeddingRequest("sandbox", List.of("alpha", "beta")));
        EmbeddingResponse again = sandbox.embed(new EmbeddingRequest("sandbox", List.of("alpha")));

        float[] alpha = first.vectors().get(0);
        assertEquals(SandboxProvider.DIMENSIONS, alpha.length);
        assertArrayEquals(alpha, again.vectors().get(0));
        assertFalse(java.util.Arrays.equals(alpha, first.vectors().get(1)));
        double norm = 0;
        for (float v : alpha) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5);
        assertEquals(new Usage(3, 0), first.usage()); // ceil(5/4) + ceil(4/4)
    }
}
