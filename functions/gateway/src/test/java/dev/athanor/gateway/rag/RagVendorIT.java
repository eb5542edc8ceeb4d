package dev.athanor.gateway.rag;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retrieval with a real vendor's wire format behind the gateway (a WireMock OpenAI: {@code /v1/models},
 * {@code /v1/embeddings}, {@code /v1/chat/completions}): documents and queries are embedded with the team's embedding
 * model, and the model asked for an answer is sent the chunks found, numbered as the answer cites them.
 */
@ExtendWith(LocalStackExtension.class)
class RagVendorIT {

    @RegisterExtension
    static final WireMockExtension OPENAI = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort()).build();

    private static final String ANSWER = "Cats purr when they are content [1].";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction", Map.of(
                "openai.api.key", "sk-upstream-openai",
                "openai.base.url", OPENAI.baseUrl() + "/v1",
                "openai.models", "gpt-4o-mini,text-embedding-3-small"));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    /** The vendor embeds each text by the topic it names: cats, volcanoes, or neither. */
    private static void vendor() {
        OPENAI.stubFor(get("/v1/models").willReturn(okJson("""
                {"object":"list","data":[{"id":"gpt-4o-mini","object":"model","created":1,"owned_by":"system"},
                 {"id":"text-embedding-3-small","object":"model","created":1,"owned_by":"system"}]}""")));
        embedding("Cats purr", "[1.0, 0.0, 0.0, 0.1]", 6);
        embedding("volcano", "[0.0, 1.0, 0.0, 0.1]", 7);
        embedding("Why do cats", "[0.9, 0.1, 0.0, 0.1]", 5);
        OPENAI.stubFor(post("/v1/chat/completions").willReturn(okJson("""
                {"id":"chatcmpl-rag","object":"chat.completion","created":1,"model":"gpt-4o-mini-2024-07-18",
                 "system_fingerprint":"fp_1","choices":[{"index":0,"message":{"role":"assistant","content":"%s",
                 "refusal":null},"logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":91,"completion_tokens":11,"total_tokens":102}}""".formatted(ANSWER))));
    }

    private static void embedding(String holding, String vector, int tokens) {
        OPENAI.stubFor(post("/v1/embeddings").withRequestBody(containing(holding)).willReturn(okJson("""
                {"object":"list","model":"text-embedding-3-small","usage":{"prompt_tokens":%d,"total_tokens":%d},
                 "data":[{"object":"embedding","index":0,"embedding":%s}]}""".formatted(tokens, tokens, vector))));
    }

    @Test
    void documents_and_queries_are_embedded_by_the_vendor_and_the_answer_is_asked_with_numbered_sources()
            throws IOException {
        vendor();
        String bearer = http.context().getBean(TokenIssuer.class)
                .issue(TeamId.of("rag-vendor-" + UUID.randomUUID()), Roles.MEMBER).token();

        LambdaHttp.Response indexed = http.send(request("POST", "/rag/index").bearer(bearer).json("""
                {"namespace": "pets", "documents": [
                  {"id": "cats", "content": "Cats purr when content and chase mice at night."},
                  {"id": "volcano", "content": "A volcano erupts lava and ash when magma rises."}]}"""));
        assertEquals(200, indexed.status(), indexed.body());

        LambdaHttp.Response answered = http.send(request("POST", "/rag/query").bearer(bearer).json("""
                {"query": "Why do cats purr?", "namespace": "pets", "top_k": 2, "generate_response": true,
                 "model": "gpt-4o-mini"}"""));

        assertEquals(200, answered.status(), answered.body());
        List<?> found = (List<?>) answered.map().get("relevant_documents");
        assertEquals(List.of("cats", "volcano"), found.stream().map(d -> ((Map<?, ?>) d).get("id")).toList());
        assertEquals(List.of(1, 2), found.stream().map(d -> ((Map<?, ?>) d).get("citation")).toList());
        assertEquals(ANSWER, answered.map().get("generated_response"));
        assertEquals(Map.of("prompt_tokens", 91, "completion_tokens", 11, "total_tokens", 102),
                answered.map().get("usage"));

        List<LoggedRequest> embeddings = OPENAI.findAll(postRequestedFor(urlPathEqualTo("/v1/embeddings")));
        assertEquals(3, embeddings.size(), "each document, then the query");
        JsonMapper json = http.context().getBean(JsonMapper.class);
        for (LoggedRequest embedding : embeddings) {
            assertEquals("text-embedding-3-small", json.readValue(embedding.getBodyAsString(), Map.class)
                    .get("model"), "the team's embedding model");
        }
        List<LoggedRequest> chats = OPENAI.findAll(postRequestedFor(urlPathEqualTo("/v1/chat/completions")));
        assertEquals(1, chats.size());
        Map<?, ?> chat = json.readValue(chats.get(0).getBodyAsString(), Map.class);
        assertEquals("gpt-4o-mini", chat.get("model"));
        List<?> messages = (List<?>) chat.get("messages");
        Map<?, ?> system = (Map<?, ?>) messages.get(0);
        assertEquals("system", system.get("role"));
        String sources = (String) system.get("content");
        assertTrue(sources.contains("Cite every source you use as [n]"), sources);
        assertTrue(sources.contains("[1] (document cats, chunk 0)\nCats purr when content and chase mice at night."),
                sources);
        assertTrue(sources.contains("[2] (document volcano, chunk 0)\nA volcano erupts"), sources);
        assertEquals(Map.of("role", "user", "content", "Why do cats purr?"), messages.get(1));
    }
}
