package dev.athanor.actions;

import dev.athanor.actions.ActionsTesting.Caller;
import dev.athanor.testkit.LambdaHttp;
import dev.athanor.testkit.LocalStackExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.athanor.actions.ActionsTesting.assertError;
import static dev.athanor.actions.ActionsTesting.details;
import static dev.athanor.actions.ActionsTesting.newCaller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Posts and the content helpers through the actions surface's Lambda handler, answered offline by the sandbox. */
@ExtendWith(LocalStackExtension.class)
class ContentHelpersIT {

    private static LambdaHttp http;

    @BeforeAll
    static void start() {
        http = LambdaHttp.start("ActionsFunction");
    }

    @AfterAll
    static void stop() {
        http.close();
    }

    private static LambdaHttp.Response send(Caller caller, String method, String path, String body) {
        return ActionsTesting.send(http, caller, method, path, body);
    }

    private static Map<?, ?> post(Caller caller) {
        var created = send(caller, "POST", "/posts", """
                {"title": "Castles of the Highlands", "body": "An introduction.",
                 "sections": [{"heading": "Eilean Donan", "content": "A castle on an island in a loch."},
                              {"heading": "Urquhart", "content": "Ruins by Loch Ness."}]}""");
        assertEquals(201, created.status(), created.body());
        return created.map();
    }

    private static long sectionId(Map<?, ?> post, int index) {
        return ((Number) ((Map<?, ?>) ((List<?>) post.get("sections")).get(index)).get("id")).longValue();
    }

    private static void assertTexts(Object value) {
        assertTrue(value instanceof List<?> list && !list.isEmpty()
                && list.stream().allMatch(v -> v instanceof String s && !s.isBlank()), String.valueOf(value));
    }

    @Test
    void posts_are_created_read_listed_updated_keeping_section_ids_and_deleted() {
        Caller caller = newCaller(http);
        Map<?, ?> post = post(caller);
        long id = ((Number) post.get("id")).longValue();
        long kept = sectionId(post, 1);

        var updated = send(caller, "PUT", "/posts/" + id, """
                {"title": "Castles", "sections": [{"id": %d, "heading": "Urquhart", "content": "By Loch Ness."},
                                                  {"heading": "Stirling", "content": "On a crag."}]}""".formatted(kept));
        var listed = send(caller, "GET", "/posts", null);
        var foreign = send(caller, "PUT", "/posts/" + id, "{\"sections\": [{\"id\": 999, \"content\": \"x\"}]}");
        var deleted = send(caller, "DELETE", "/posts/" + id, null);

        assertEquals(List.of("id", "title", "body", "sections", "created_at", "updated_at"),
                List.copyOf(post.keySet()));
        assertEquals(200, updated.status(), updated.body());
        assertEquals("Castles", updated.get("title"));
        assertEquals("An introduction.", updated.get("body"), "fields not given stay");
        List<?> sections = (List<?>) updated.get("sections");
        assertEquals(kept, ((Number) ((Map<?, ?>) sections.get(0)).get("id")).longValue());
        assertTrue(((Number) ((Map<?, ?>) sections.get(1)).get("id")).longValue() > kept, "a new section, a new id");
        assertEquals(List.of(updated.map()), listed.list());
        assertTrue(details(foreign).toString().contains("sections"), foreign.body());
        assertEquals(Map.of("status", "success"), deleted.map());
        assertError(send(caller, "GET", "/posts/" + id, null), 404, "not_found");
        assertError(send(caller, "POST", "/expand-section/" + kept, "{}"), 404, "not_found");
    }

    @Test
    void generate_idea_answers_title_outline_and_keywords_from_the_model() {
        Caller caller = newCaller(http);

        var idea = send(caller, "POST", "/generate-idea", "{\"topic\": \"Highland games\"}");

        assertEquals(200, idea.status(), idea.body());
        assertEquals(List.of("title", "outline", "keywords"), List.copyOf(idea.map().keySet()));
        assertTrue(idea.get("title") instanceof String title && title.startsWith("[sandbox]"), idea.body());
        assertTexts(idea.get("outline"));
        assertTexts(idea.get("keywords"));
        var kept = send(caller, "GET", "/interactions", null).list();
        assertEquals("generate-idea", kept.get(0).get("kind"));
        assertEquals("Highland games", kept.get(0).get("input_text"));
        assertEquals("success", kept.get(0).get("status"));
    }

    @Test
    void expand_section_answers_content_keywords_and_one_snippet_per_platform() {
        Caller caller = newCaller(http);
        Map<?, ?> post = post(caller);

        var expanded = send(caller, "POST", "/expand-section/" + sectionId(post, 0),
                "{\"tone\": \"warm\", \"platforms\": [\"blog\", \"linkedin\"]}");
        var defaults = send(caller, "POST", "/expand-section/" + sectionId(post, 0), "{}");

        assertEquals(200, expanded.status(), expanded.body());
        assertEquals(List.of("content", "keywords", "social_media_snippets"), List.copyOf(expanded.map().keySet()));
        assertTrue(expanded.get("content") instanceof String content && !content.isBlank());
        assertTexts(expanded.get("keywords"));
        assertEquals(Set.of("blog", "linkedin"), ((Map<?, ?>) expanded.get("social_media_snippets")).keySet());
        assertEquals(Set.of("blog"), ((Map<?, ?>) defaults.get("social_media_snippets")).keySet());
        var kept = send(caller, "GET", "/interactions?kind=expand-section", null).list();
        assertEquals(((Number) post.get("id")).intValue(), kept.get(0).get("post_id"));
        assertTrue(kept.get(0).get("input_text").toString().contains("A castle on an island in a loch."));
    }

    @Test
    void optimize_seo_answers_suggestions_for_a_stored_post_or_inline_content() {
        Caller caller = newCaller(http);
        Map<?, ?> post = post(caller);

        var stored = send(caller, "POST", "/optimize-seo/" + post.get("id"), "{\"keywords\": [\"castles\"]}");
        var inline = send(caller, "POST", "/optimize-seo/0", "{\"content\": \"Lochs and glens.\"}");

        for (var answer : List.of(stored, inline)) {
            assertEquals(200, answer.status(), answer.body());
            assertEquals(Set.of("suggestions"), answer.map().keySet());
            Map<?, ?> suggestions = (Map<?, ?>) answer.get("suggestions");
            assertEquals(List.of("title_suggestions", "meta_description", "keyword_suggestions"),
                    List.copyOf(suggestions.keySet()));
            assertTexts(suggestions.get("title_suggestions"));
            assertTrue(suggestions.get("meta_description") instanceof String d && !d.isBlank());
            assertTexts(suggestions.get("keyword_suggestions"));
        }
    }

    @Test
    void generate_social_answers_one_text_per_platform_defaulting_to_tiktok_and_instagram() {
        Caller caller = newCaller(http);
        long section = sectionId(post(caller), 1);

        var defaults = send(caller, "POST", "/generate-social/" + section, "{}");
        var chosen = send(caller, "POST", "/generate-social/" + section, "{\"platforms\": [\"x\", \"facebook\"]}");

        assertEquals(200, defaults.status(), defaults.body());
        assertEquals(List.of("tiktok", "instagram"), List.copyOf(defaults.map().keySet()));
        assertTrue(defaults.map().values().stream().allMatch(v -> v instanceof String s && !s.isBlank()));
        assertEquals(List.of("x", "facebook"), List.copyOf(chosen.map().keySet()));
    }

    @Test
    void helpers_refuse_bad_input_and_unknown_content_without_calling_a_model() {
        Caller caller = newCaller(http);

        assertTrue(details(send(caller, "POST", "/generate-idea", "{}")).containsKey("topic"));
        assertTrue(details(send(caller, "POST", "/generate-idea", "{\"topic\": 3}")).containsKey("topic"));
        assertTrue(details(send(caller, "POST", "/generate-social/1", "{\"platforms\": \"tiktok\"}"))
                .containsKey("platforms"));
        assertTrue(details(send(caller, "POST", "/expand-section/1", "{\"platforms\": []}"))
                .containsKey("platforms"));
        assertError(send(caller, "POST", "/expand-section/1", "{}"), 404, "not_found");
        assertError(send(caller, "POST", "/optimize-seo/abc", "{}"), 404, "not_found");
        assertError(send(caller, "POST", "/generate-social/12", "{}"), 404, "not_found");
        assertFalse(send(caller, "GET", "/interactions", null).body().contains("generate"),
                "nothing was called or kept");
    }
}
