package dev.athanor.llm.sandbox;

import dev.athanor.llm.ProviderClients;
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

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SandboxProviderTest {

    private final LlmProvider sandbox = new ProviderClients(List.of(new SandboxProviderFactory())).create(
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
        assertNotEquals(alpha[0], first.vectors().get(1)[0]);
        double norm = 0;
        for (float v : alpha) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-5);
        assertEquals(new Usage(3, 0), first.usage()); // ceil(5/4) + ceil(4/4)
    }
}
