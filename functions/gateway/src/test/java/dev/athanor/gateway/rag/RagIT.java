package dev.athanor.gateway.rag;

import dev.athanor.core.auth.Roles;
import dev.athanor.core.auth.TokenIssuer;
import dev.athanor.model.TeamId;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.athanor.testkit.ApiGatewayEvents.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retrieval through the gateway's Lambda handler on the embedded stack, with the offline sandbox's embeddings
 * (hashed word features: texts sharing words are near) and its chat. A namespace here holds at most 5 chunks.
 */
@ExtendWith(LocalStackExtension.class)
class RagIT {

    private static final String THREE = """
            {"namespace": "%s", "documents": [
              {"id": "cats", "content": "Cats purr when content and chase mice at night. A cat sleeps most of the day.",
               "metadata": {"title": "Cats", "tags": ["pets"]}},
              {"id": "volcano", "content": "A volcano erupts lava and ash when magma rises through the crust.",
               "metadata": {"title": "Volcanoes"}},
              {"id": "budget", "content": "The quarterly budget sets spending limits for each department and team.",
               "metadata": {"title": "Budget"}}]}""";

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("GatewayFunction", Map.of("athanor.rag.max-namespace-chunks", 5));
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static String team() {
        return http.context().getBean(TokenIssuer.class).issue(TeamId.of("rag-" + UUID.randomUUID()), Roles.MEMBER)
                .token();
    }

    private static LambdaHttp.Response send(String bearer, String method, String path, String body) {
        var event = request(method, path).bearer(bearer);
        return http.send(body == null ? event : event.json(body));
    }

    private static List<Map<String, Object>> relevant(LambdaHttp.Response response) {
        assertEquals(200, response.status(), response.body());
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> documents = (List<Map<String, Object>>) response.map().get("relevant_documents");
        return documents;
    }

    @Test
    void the_relevant_document_comes_first_an_answer_cites_it_and_a_deleted_one_is_gone() {
        String bearer = team();
        LambdaHttp.Response indexed = send(bearer, "POST", "/rag/index", THREE.formatted("default"));

        assertEquals(200, indexed.status(), indexed.body());
        assertEquals(true, indexed.map().get("indexed"));
        assertEquals(3, indexed.map().get("document_count"));
        assertEquals("default", indexed.map().get("namespace"));
        assertTrue(((String) indexed.map().get("index_id")).startsWith("index_"), indexed.body());

        LambdaHttp.Response answered = send(bearer, "POST", "/rag/query", """
                {"query": "Why do cats purr and chase mice?", "namespace": "default", "top_k": 3,
                 "include_metadata": true, "generate_response": true, "model": "sandbox"}""");
        List<Map<String, Object>> found = relevant(answered);
        assertEquals("cats", found.get(0).get("id"), found.toString());
        assertTrue(((String) found.get(0).get("content")).contains("Cats purr"));
        assertEquals(Map.of("title", "Cats", "tags", List.of("pets")), found.get(0).get("metadata"));
        assertEquals(1, found.get(0).get("citation"));
        double first = ((Number) found.get(0).get("score")).doubleValue();
        double second = ((Number) found.get(1).get("score")).doubleValue();
        assertTrue(first > second, found.toString());
        assertNotNull(answered.map().get("generated_response"), answered.body());
        Map<?, ?> usage = (Map<?, ?>) answered.map().get("usage");
        assertEquals(((Number) usage.get("prompt_tokens")).intValue() + ((Number) usage.get("completion_tokens"))
                .intValue(), ((Number) usage.get("total_tokens")).intValue());

        LambdaHttp.Response deleted = send(bearer, "DELETE", "/rag/documents/cats?namespace=default", null);
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(Map.of("deleted", true, "document_id", "cats", "namespace", "default"), deleted.map());
        List<Map<String, Object>> after = relevant(send(bearer, "POST", "/rag/query",
                "{\"query\": \"Why do cats purr and chase mice?\", \"top_k\": 10}"));
        assertFalse(after.stream().anyMatch(d -> "cats".equals(d.get("id"))), after.toString());
        assertEquals(404, send(bearer, "DELETE", "/rag/documents/cats", null).status());
    }

    @Test
    void another_team_sees_nothing_and_re_indexing_a_document_replaces_it() {
        String bearer = team();
        assertEquals(200, send(bearer, "POST", "/rag/index", THREE.formatted("notes")).status());

        LambdaHttp.Response stranger = send(team(), "POST", "/rag/query", """
                {"query": "cats purr", "namespace": "notes", "generate_response": false}""");
        assertEquals(List.of(), relevant(stranger));
        assertNull(stranger.map().get("generated_response"));

        assertEquals(200, send(bearer, "POST", "/rag/index", """
                {"namespace": "notes", "documents": [{"id": "cats",
                 "content": "Dogs bark at the mail carrier every morning."}]}""").status());
        List<Map<String, Object>> found = relevant(send(bearer, "POST", "/rag/query",
                "{\"query\": \"dogs bark mail carrier\", \"namespace\": \"notes\", \"top_k\": 100}"));
        List<Object> contents = found.stream().map(d -> d.get("content")).toList();
        assertEquals("Dogs bark at the mail carrier every morning.", found.get(0).get("content"), found.toString());
        assertFalse(contents.stream().anyMatch(c -> ((String) c).contains("Cats purr")), contents.toString());
        assertNull(found.get(0).get("metadata"), "the new version has no metadata");
        assertEquals(3, found.size(), "one chunk per document");
    }

    @Test
    void bad_input_is_refused_and_an_unknown_namespace_is_an_empty_result() {
        String bearer = team();
        for (String body : List.of("{\"documents\": []}", "{\"documents\": [{\"id\": \"a\", \"content\": \" \"}]}",
                "{\"documents\": [{\"id\": \"\", \"content\": \"x\"}]}",
                "{\"documents\": [{\"id\": \"a\", \"content\": \"x\", \"metadata\": 3}]}",
                "{\"namespace\": \"../x\", \"documents\": [{\"id\": \"a\", \"content\": \"x\"}]}",
                "{\"documents\": [{\"id\": \"a\", \"content\": \"" + "x".repeat(200_001) + "\"}]}")) {
            LambdaHttp.Response refused = send(bearer, "POST", "/rag/index", body);
            assertTrue(refused.status() >= 400 && refused.status() < 500, refused.status() + " " + body.length());
        }
        for (String body : List.of("{\"query\": \"\"}", "{\"query\": \"x\", \"top_k\": 0}",
                "{\"query\": \"x\", \"top_k\": 101}", "{\"query\": \"x\", \"generate_response\": true}")) {
            LambdaHttp.Response refused = send(bearer, "POST", "/rag/query", body);
            assertTrue(refused.status() >= 400 && refused.status() < 500, refused.body());
        }
        assertEquals(List.of(), relevant(send(bearer, "POST", "/rag/query",
                "{\"query\": \"anything\", \"namespace\": \"never-used\"}")));
        assertEquals(404, send(bearer, "DELETE", "/rag/documents/" + "d".repeat(4000), null).status());
        assertEquals(422, send(bearer, "POST", "/rag/index", "{\"documents\": [{\"id\": \""
                + "\\u00e9".repeat(200) + "\", \"content\": \"x\"}]}").status(), "too long once encoded");
        assertEquals(List.of(), relevant(send(bearer, "POST", "/rag/query", "{\"query\": \"anything\"}")),
                "nothing half-written by the refused calls");
    }

    @Test
    void an_index_call_that_would_pass_the_namespace_limit_is_refused_whole() {
        String bearer = team();
        assertEquals(200, send(bearer, "POST", "/rag/index", THREE.formatted("full")).status());
        String replacing = """
                {"namespace": "full", "documents": [{"id": "cats", "content": "Cats nap in the sun."},
                 {"id": "d", "content": "Dogs fetch sticks."}, {"id": "e", "content": "Eels swim at night."}%s]}""";

        LambdaHttp.Response refused = send(bearer, "POST", "/rag/index", replacing.formatted(
                ", {\"id\": \"f\", \"content\": \"Frogs sing after rain.\"}"));

        assertEquals(422, refused.status(), refused.body());
        String message = (String) refused.map().get("detail");
        assertTrue(message.contains("would take namespace full to 6 chunks; a namespace holds at most 5"), message);
        List<Map<String, Object>> found = relevant(send(bearer, "POST", "/rag/query",
                "{\"query\": \"cats nap dogs eels frogs\", \"namespace\": \"full\", \"top_k\": 100}"));
        assertEquals(List.of("budget", "cats", "volcano"), found.stream().map(d -> (String) d.get("id")).sorted()
                .toList(), "nothing of the refused call written");
        assertTrue(found.stream().anyMatch(d -> ((String) d.get("content")).startsWith("Cats purr")));

        assertEquals(200, send(bearer, "POST", "/rag/index", replacing.formatted("")).status(),
                "the replaced document's chunk is counted out: 3 - 1 + 3 = 5");
    }
}
